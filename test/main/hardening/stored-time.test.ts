import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { isoParser } from "../../../src-main/import/iso-parser.ts";
import { timeParserFor } from "../../../src-main/import/time-parse.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { StrataError } from "../../../src-preload/contract/errors.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// Finding 1 and 2 of issue 20: far dates at import, any stored time in the engine, spans and a
// time budget for queries that pass validation.

let j: Journeys | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
  delete process.env.STRATA_QUERY_BUDGET_MS;
});

const FAR = Date.UTC(9999, 11, 31);

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

async function run(ws: Workspace, query: unknown): Promise<unknown> {
  return new InProcessEngine(ws.db).run(parseOrThrow(Query, query, "query"));
}

describe("years 0-99 and the plausible window at import", () => {
  it("reads year 1 as year 1, not 1901 (every parser path)", () => {
    const year = (ms: number) => new Date(ms).getUTCFullYear();
    expect(year(isoParser("UTC")("0001-01-01"))).toBe(1);
    expect(year(isoParser("UTC")("0099-06-01T10:00:00Z"))).toBe(99);
    expect(year(isoParser("Europe/Berlin")("0050-06-01 10:00"))).toBe(50);
    expect(year(timeParserFor("D.M.YYYY", "UTC")("1.1.0042"))).toBe(42);
  });

  it("skips rows dated before 1970 or after 2099 and reports them by line", async () => {
    const dir = tmpDir();
    const csv = path.join(dir, "far.csv");
    fs.writeFileSync(
      csv,
      "user_id,event,time\nu1,x,0001-01-01\nu2,x,9999-12-31\nu3,x,2024-01-01\nu4,x,1969-12-31T23:59:59Z\n",
    );
    const ws = path.join(dir, "w.strata");
    const r = await cli(["import", csv, "--workspace", ws]);
    expect(r.code).toBe(0);
    expect(r.out + r.err).toMatch(/time_out_of_range: 3 \(first lines 2, 3, 5\)/);
    const w = Workspace.open(ws, { readonly: true });
    try {
      expect(w.asOfDate()).toBe("2024-01-01");
    } finally {
      w.close();
    }
    const strict = await cli(["import", csv, "--workspace", path.join(dir, "s.strata"), "--strict"]);
    expect(strict.code).toBe(2);
    expect(strict.err).toMatch(/far\.csv line 2 has a time outside 1970-01-01 \.\. 2099-12-31/);
  });

  it('says a missing time field is missing, never `holds "undefined"`', async () => {
    const dir = tmpDir();
    const f = path.join(dir, "short.ndjson");
    fs.writeFileSync(
      f,
      '{"user_id":"u1","event":"x","time":"2024-01-01T00:00:00Z"}\n{"user_id":"u2","event":"x"}\n',
    );
    const r = await cli(["import", f, "--workspace", path.join(dir, "w.strata"), "--strict"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 2 .*"time" is missing on this row/);
    expect(r.err).not.toMatch(/undefined/);
  });
});

describe("the engine with a stored 9999-12-31 event (a hostile or old file)", () => {
  it("keeps the as-of day in the window and answers stickiness, within and lifecycle", async () => {
    j = journeys({
      a: [
        ["x", "2024-01-01T10:00Z"],
        ["x", FAR],
      ],
      b: [["x", "2024-01-02T10:00Z"]],
    });
    expect(j.ws.asOfDate()).toBe("2099-12-31");
    // a hang, not a speed, is what fails here: by the test's timeout (vitest.config.mts)
    const range = { last: 30, unit: "day" };
    await expect(
      run(j.ws, { kind: "stickiness", event: { event: "x" }, interval: "day", range }),
    ).resolves.toBeDefined();
    await expect(
      run(j.ws, { kind: "segmentCount", segment: { performed: { event: "x" }, within: range } }),
    ).resolves.toEqual({ users: 0, ofTotal: 2 });
    await expect(
      run(j.ws, {
        kind: "lifecycle",
        event: { event: "x" },
        interval: "week",
        range: { last: 12, unit: "week" },
      }),
    ).resolves.toBeDefined();
  });
});

describe("spans and the time budget (finding 2)", () => {
  const cases: [string, unknown][] = [
    ["0001-01-01..9999-12-31", { from: "0001-01-01", to: "9999-12-31" }],
    ["last 100000 months", { last: 100_000, unit: "month" }],
  ];
  for (const [name, range] of cases) {
    it(`refuses ${name} at validation, naming the field`, () => {
      expect(() =>
        parseOrThrow(Query, { kind: "stickiness", event: { event: "x" }, interval: "day", range }, "query"),
      ).toThrow(/query\.range/);
    });
  }

  it("refuses more buckets than a chart shows, quickly and clearly", async () => {
    j = journeys({ a: [["x", "2024-01-01T10:00Z"]] });
    // a hang, not a speed, is what fails here: by the test's timeout (vitest.config.mts)
    const e = await run(j.ws, {
      kind: "lifecycle",
      event: { event: "x" },
      interval: "day",
      range: { from: "1970-01-01", to: "2099-12-31" },
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StrataError);
    expect((e as StrataError).code).toBe("too_long");
    expect((e as StrataError).message).toMatch(/buckets/);
  });

  it("stops a query past its budget with a clear error", async () => {
    j = journeys({ a: [["x", "2024-01-01T10:00Z"]], b: [["x", "2024-01-03T10:00Z"]] });
    process.env.STRATA_QUERY_BUDGET_MS = "0.000001";
    const e = await run(j.ws, {
      kind: "segmentCount",
      segment: { performed: { event: "x" } },
    }).catch((x: unknown) => x);
    expect((e as StrataError).code).toBe("too_long");
    expect((e as StrataError).message).toMatch(/time budget/);
  });
});
