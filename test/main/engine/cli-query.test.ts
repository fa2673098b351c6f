import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { createSaved } from "../../../src-main/workspace/saved.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";

let j: Journeys | undefined;
afterEach(() => j?.close());

async function cli(args: string[], stdin = "") {
  let out = "";
  let err = "";
  const code = await main(args, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    stdin: async () => stdin,
  });
  return { code, out, err };
}

describe("strata query / segments / reports", () => {
  it("prints the result as JSON, from inline JSON or stdin", async () => {
    j = journeys({ a: [["buy", "2024-06-01T10:00Z"]], b: [["visit", "2024-06-01T10:00Z"]] });
    const file = j.file;
    j.ws.close();
    const q = JSON.stringify({ kind: "segmentCount", segment: { performed: { event: "buy" } } });
    const r = await cli(["query", file, q]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ users: 1, ofTotal: 2 });
    const s = await cli(["query", file, "-"], q);
    expect(JSON.parse(s.out)).toEqual({ users: 1, ofTotal: 2 });
    const qfile = `${file}.query.json`;
    fs.writeFileSync(qfile, q);
    expect(JSON.parse((await cli(["query", file, qfile])).out)).toEqual({ users: 1, ofTotal: 2 });
  });

  it("exits 2 with a message naming the offending field", async () => {
    j = journeys({ a: [["buy", "2024-06-01T10:00Z"]] });
    const q = { kind: "funnel", steps: [{ event: "buy" }, { event: 3 }], range: { last: 7, unit: "day" } };
    const r = await cli(["query", j.file, JSON.stringify(q)]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/query\.steps\[1\]\.event/);
    const tz = await cli([
      "query",
      j.file,
      JSON.stringify({ ...q, steps: [{ event: "a" }], timezone: "Mars/Base" }),
    ]);
    expect(tz.code).toBe(2);
    expect(tz.err).toMatch(/query\.timezone/);
    // Intl reads a bare offset as a zone; the spec asks for an IANA name
    const offset = await cli([
      "query",
      j.file,
      JSON.stringify({ ...q, steps: [{ event: "a" }], timezone: "+02:00" }),
    ]);
    expect(offset.code).toBe(2);
    expect(offset.err).toMatch(/query\.timezone: unknown timezone/);
    const bad = await cli(["query", j.file, "{nope"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/not valid JSON/);
  });

  it("lists saved segments and reports", async () => {
    j = journeys({ a: [["buy", "2024-06-01T10:00Z"]] });
    createSaved(j.ws.db, "segment", "Buyers", { performed: { event: "buy" } }, "seg_buyers");
    createSaved(
      j.ws.db,
      "report",
      "Weekly",
      { kind: "stickiness", event: { event: "buy" }, interval: "day", range: { last: 7, unit: "day" } },
      "rep_w",
    );
    const s = await cli(["segments", j.file]);
    expect(s.out).toMatch(/seg_buyers\s+Buyers/);
    const r = await cli(["reports", j.file, "--json"]);
    expect(JSON.parse(r.out).map((x: { id: string }) => x.id)).toEqual(["rep_w"]);
  });
});

describe("strata query on files that are not workspaces", () => {
  it("exits 2 for a missing file and for a file that is not a workspace", async () => {
    const missing = await cli([
      "query",
      "/nonexistent/x.strata",
      '{"kind":"segmentCount","segment":{"all":[]}}',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/does not exist/);
    const notWs = await cli(["query", import.meta.filename, '{"kind":"segmentCount","segment":{"all":[]}}']);
    expect(notWs.code).toBe(2);
    expect(notWs.err).toMatch(/not a Strata workspace/);
  });
});
