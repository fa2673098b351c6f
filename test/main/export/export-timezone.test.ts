import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { previewExport, runExport } from "../../../src-main/export/run-export.ts";
import type { ExportRequest } from "../../../src-preload/contract/methods/export.ts";
import { io } from "../../helpers/cli-io.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// With the top bar's timezone overridden, the builder counts a segment's day conditions and the
// Predict view reads best send hours in that zone; the export read both in the workspace's, so the
// file's members and $bestSendHour contradicted the screens. The export takes the zone too.

let j: Journeys | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
});

function shop(): Journeys {
  // a workspace in UTC: early at 10:00Z on 1 June, late at 20:00Z (5:00 on 2 June in Tokyo)
  return journeys({ early: [["visit", "2024-06-01T10:00Z"]], late: [["visit", "2024-06-01T20:00Z"]] });
}

async function exported(made: Journeys, timezone?: string): Promise<string[][]> {
  const out = path.join(tmpDir("strata-export-tz-"), "x.csv");
  const request: ExportRequest = {
    segment: { definition: { performed: { event: "visit" } } },
    preset: "csv",
    out,
    attributes: ["$bestSendHour"],
    ...(timezone ? { timezone } : {}),
  };
  const engine = new InProcessEngine(made.ws.db);
  await runExport({ ws: made.ws, engine: () => engine, request });
  return fs
    .readFileSync(out, "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(","));
}

describe("an export under another timezone", () => {
  it("writes the best send hour in that zone", async () => {
    j = shop();
    const hours = (rows: string[][]) => rows.map((r) => [r[0], r.at(-1)]);
    expect(hours(await exported(j))).toEqual([
      ["early", "10"],
      ["late", "20"],
    ]);
    expect(hours(await exported(j, "Asia/Tokyo"))).toEqual([
      ["early", "19"],
      ["late", "5"],
    ]);
  });

  it("counts a day condition's members in that zone, preview and file alike", async () => {
    j = shop();
    const { ws } = j;
    const engine = new InProcessEngine(ws.db);
    const onJune2 = { performed: { event: "visit" }, within: { from: "2024-06-02", to: "2024-06-02" } };
    const preview = (timezone?: string) =>
      previewExport(ws, () => engine, {
        segment: { definition: onJune2 },
        preset: "csv",
        ...(timezone ? { timezone } : {}),
      });
    expect((await preview()).members).toBe(0);
    expect((await preview("Asia/Tokyo")).members).toBe(1);
  });
});

describe("the manifest of an export under another timezone", () => {
  it("records the zone, and the as-of day in that zone", async () => {
    const made = shop();
    j = made;
    const engine = new InProcessEngine(made.ws.db);
    const manifestOf = (timezone?: string) =>
      runExport({
        ws: made.ws,
        engine: () => engine,
        request: {
          segment: { definition: { performed: { event: "visit" } } },
          preset: "csv",
          out: path.join(tmpDir("strata-export-tz-manifest-"), "x.csv"),
          ...(timezone ? { timezone } : {}),
        },
      });
    const utc = await manifestOf();
    expect([utc.timezone, utc.asOf]).toEqual(["UTC", "2024-06-01"]);
    // the latest event, 20:00Z on 1 June, is 5:00 on 2 June in Tokyo
    const tokyo = await manifestOf("Asia/Tokyo");
    expect([tokyo.timezone, tokyo.asOf]).toEqual(["Asia/Tokyo", "2024-06-02"]);
  });
});

describe("strata export --timezone", () => {
  it("writes the best send hour in the zone it names, and refuses one that is no IANA name", async () => {
    j = shop();
    const file = j.file;
    j.ws.close();
    const out = path.join(tmpDir("strata-export-tz-cli-"), "x.csv");
    const args = ["export", file, "--segment", '{"performed":{"event":"visit"}}', "--preset", "csv"];
    const a = io();
    expect(
      await main([...args, "--out", out, "--attributes", "$bestSendHour", "--timezone", "Asia/Tokyo"], a.io),
    ).toBe(0);
    const hours = fs
      .readFileSync(out, "utf8")
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(",").at(-1));
    expect(hours).toEqual(["19", "5"]);
    const b = io();
    expect(await main([...args, "--out", `${out}2`, "--timezone", "+09:00"], b.io)).toBe(2);
    expect(b.err.join("")).toMatch(/--timezone/);
  });
});
