import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { runQuery } from "../engine/run-query.ts";

// `strata query` takes both kinds like any other: the same answer as the engine, exit 2 on bad input.

let j: Journeys | undefined;
afterEach(() => j?.close());

async function cli(args: string[]) {
  let out = "";
  let err = "";
  const code = await main(args, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    stdin: async () => "",
  });
  return { code, out, err };
}

describe("strata query paths / segmentFlow", () => {
  it("prints the engine's answer", async () => {
    j = journeys({
      a: [
        ["home", "2024-06-01T10:00Z"],
        ["view", "2024-06-01T10:01Z"],
      ],
      b: [["home", "2024-06-02T10:00Z"]],
    });
    const paths = {
      kind: "paths",
      start: { event: "home" },
      range: { from: "2024-06-01", to: "2024-06-02" },
    };
    const flow = {
      kind: "segmentFlow",
      states: [{ label: "Viewer", segment: { performed: { event: "view" } } }],
      at: ["2024-06-01", "2024-06-02"],
    };
    for (const q of [paths, flow]) {
      const r = await cli(["query", j.file, JSON.stringify(q)]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toEqual(await runQuery(j, q));
    }
  });

  it("exits 2 naming the field", async () => {
    j = journeys({ a: [["home", "2024-06-01T10:00Z"]] });
    const r = await cli([
      "query",
      j.file,
      JSON.stringify({ kind: "paths", range: { last: 7, unit: "day" }, limit: 0 }),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/limit/);
    const f = await cli([
      "query",
      j.file,
      JSON.stringify({ kind: "segmentFlow", states: [], at: ["2024-06-01", "2024-06-02"] }),
    ]);
    expect(f.code).toBe(2);
    expect(f.err).toMatch(/states/);
  });
});
