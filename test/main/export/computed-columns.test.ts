import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEngine, type QueryEngine } from "../../../src-main/engine/index.ts";
import { runExport } from "../../../src-main/export/run-export.ts";
import type { ExportPreset } from "../../../src-preload/contract/methods/export.ts";
import type { SegmentMembersResult } from "../../../src-preload/contract/results.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { tmpDir } from "./helpers.ts";

// `--attributes $bestSendHour,$bestSendWeekday,$propensityScore`: computed by the engine for the
// segment, written by every preset that takes extra attributes, equal to the engine's own answer.

let j: Journeys | undefined;
let engine: QueryEngine | undefined;
afterEach(async () => {
  await engine?.close();
  j?.close();
});

const PROPENSITY = {
  kind: "propensity",
  target: { event: "buy" },
  horizon: { value: 7, unit: "day" },
} as const;

function parseCsv(text: string): string[][] {
  return text
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(","));
}

describe("computed export columns", () => {
  it.each<ExportPreset>(["braze", "clevertap", "iterable", "mailchimp", "csv"])(
    "%s writes $bestSendHour and $bestSendWeekday as the engine computes them",
    async (preset) => {
      j = journeys(
        {
          kolkata: {
            events: [
              ["open", "2024-06-03T13:40Z"], // 19:10 IST, Monday
              ["open", "2024-06-10T13:50Z"], // 19:20 IST, Monday
              ["open", "2024-06-11T03:00Z"], // 08:30 IST, Tuesday
            ],
            attributes: { email: "k@x.io", timezone: "Asia/Kolkata" },
          },
          ny: {
            events: [
              ["open", "2024-06-05T12:00Z"], // 08:00 EDT Wednesday
              ["open", "2024-06-06T12:30Z"], // 08:30 EDT Thursday
            ],
            attributes: { email: "n@x.io", timezone: "America/New_York" },
          },
        },
        { asOf: { mode: "fixed", date: "2024-06-30" } },
      );
      engine = createEngine(j.ws);
      const dir = tmpDir();
      const out = path.join(dir, "x.csv");
      const segment = { all: [] };
      await runExport({
        ws: j.ws,
        engine: () => engine as QueryEngine,
        request: {
          segment: { definition: segment },
          preset,
          out,
          attributes: ["$bestSendHour", "$bestSendWeekday"],
        },
      });
      const rows = parseCsv(fs.readFileSync(out, "utf8"));
      const header = rows[0] as string[];
      const h = header.indexOf("$bestSendHour");
      const w = header.indexOf("$bestSendWeekday");
      expect(h).toBeGreaterThanOrEqual(0);
      const written = rows.slice(1).map((r) => [Number(r[h]), Number(r[w])]);
      const members = (await engine.run({
        kind: "segmentMembers",
        segment,
        attributes: ["$bestSendHour", "$bestSendWeekday"],
      })) as SegmentMembersResult;
      const expected = members.rows.map((r) => [r.attributes.$bestSendHour, r.attributes.$bestSendWeekday]);
      expect(written).toEqual(expected);
      expect(written).toEqual([
        [19, 1],
        [8, 3],
      ]);
    },
  );

  it("writes $propensityScore for the members, and refuses it without a model", async () => {
    const spec: Parameters<typeof journeys>[0] = {};
    for (let i = 0; i < 60; i++) {
      const events: [string, string][] = [["view", "2024-06-01T10:00Z"]];
      if (i % 3 === 0) events.push(["cart", "2024-06-20T10:00Z"], ["buy", "2024-06-27T10:00Z"]);
      spec[`u${i}`] = { events, attributes: { email: `u${i}@x.io` } };
    }
    j = journeys(spec, { asOf: { mode: "fixed", date: "2024-06-30" } });
    engine = createEngine(j.ws);
    const dir = tmpDir();
    const out = path.join(dir, "scores.csv");
    const request = {
      segment: { definition: { propensity: PROPENSITY, topPercent: 50 } },
      preset: "braze" as const,
      out,
      attributes: ["$propensityScore"],
    };
    await expect(runExport({ ws: j.ws, engine: () => engine as QueryEngine, request })).rejects.toThrow(
      /propensity/,
    );
    const m = await runExport({
      ws: j.ws,
      engine: () => engine as QueryEngine,
      request: { ...request, propensity: PROPENSITY },
    });
    expect(m.written).toBe(30);
    const rows = parseCsv(fs.readFileSync(out, "utf8"));
    const s = (rows[0] as string[]).indexOf("$propensityScore");
    const scores = rows.slice(1).map((r) => Number(r[s]));
    expect(scores.every((x) => x >= 0 && x <= 1)).toBe(true);
  });
});

describe("strata export with computed columns", () => {
  it("takes --attributes '$bestSendHour' and --propensity, and refuses a bad model with exit code 2", async () => {
    const { main } = await import("../../../src-main/cli/main.ts");
    const spec: Parameters<typeof journeys>[0] = {};
    for (let i = 0; i < 30; i++) {
      const events: [string, string][] = [[i % 2 ? "view" : "cart", `2024-06-2${i % 5}T0${i % 10}:15Z`]];
      if (i % 3 === 0) events.push(["buy", "2024-06-28T10:00Z"]);
      spec[`u${i}`] = { events, attributes: { email: `u${i}@x.io` } };
    }
    j = journeys(spec, { asOf: { mode: "fixed", date: "2024-06-30" } });
    const file = j.file;
    j.ws.close();
    const out = path.join(tmpDir(), "cli.csv");
    const err: string[] = [];
    const io = { out: () => {}, err: (t: string) => err.push(t), stdin: async () => "" };
    const args = ["export", file, "--segment", '{"all": []}', "--preset", "braze", "--out", out];
    const bad = await main(
      [...args, "--attributes", "$propensityScore", "--propensity", '{"kind":"propensity"}'],
      io,
    );
    expect(bad).toBe(2);
    expect(err.join("")).toMatch(/--propensity/);
    const code = await main(
      [...args, "--attributes", "$bestSendHour,$propensityScore", "--propensity", JSON.stringify(PROPENSITY)],
      io,
    );
    expect(code).toBe(0);
    const rows = parseCsv(fs.readFileSync(out, "utf8"));
    const header = rows[0] as string[];
    expect(header.slice(-2)).toEqual(["$bestSendHour", "$propensityScore"]);
    // u0's only event is at 00:15 UTC (the query's timezone: the workspace's, UTC)
    const u0 = rows.find((r) => r[0] === "u0") as string[];
    expect(u0[header.indexOf("$bestSendHour")]).toBe("0");
    j = undefined;
  });
});
