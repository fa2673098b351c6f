import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { isQueryOf, Query } from "../../../src-preload/contract/query-kinds.ts";
import { type JourneyEvent, type Journeys, journeys } from "../../helpers/journeys.ts";

// Trends series of a property with no breakdown and no filter walk the property's values alone
// (trends/scan.ts walkValues), several series on the same values in one walk: each must answer as
// it does alone, and as counted by hand.

let j: Journeys | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
});

/** Runs a trends query and answers its series' values and totals. */
async function series(engine: InProcessEngine, q: unknown) {
  const query = parseOrThrow(Query, q);
  if (!isQueryOf(query, "trends")) throw new Error("not a trends query");
  const r = await engine.run(query);
  return r.series.map((s) => ({ values: s.values, total: s.total }));
}

describe("a property's trends series walked by its values", () => {
  it("answers each series as alone, several on one walk, and as counted by hand", async () => {
    const spec: Record<string, JourneyEvent[]> = {};
    // user i buys at price i on June 1 + (i % 3), views carry a price of 1000 that must not count,
    // and u9's buy has no number
    for (let i = 0; i < 9; i++)
      spec[`u${i}`] = [
        ["view", `2024-06-0${1 + (i % 3)}T09:00Z`, { price: 1000 }],
        ["buy", `2024-06-0${1 + (i % 3)}T10:00Z`, { price: i }],
      ];
    spec.u9 = [["buy", "2024-06-02T10:00Z", { price: "n/a" }]];
    j = journeys(spec);
    const engine = new InProcessEngine(j.ws.db);
    const base = {
      kind: "trends",
      interval: "day",
      range: { from: "2024-06-01", to: "2024-06-03" },
      timezone: "UTC",
    };
    const fns = ["sum", "median", "p90", "min", "max", "avg"] as const;
    const measured = (fn: (typeof fns)[number]) => ({
      event: { event: "buy" },
      measure: { fn, property: "price" },
    });
    const together = await series(engine, { ...base, series: fns.map(measured) });
    const alone = await Promise.all(fns.map((fn) => series(engine, { ...base, series: [measured(fn)] })));
    expect(together).toEqual(alone.map(([s]) => s));
    // by hand: day 1 holds 0, 3, 6; day 2 holds 1, 4, 7; day 3 holds 2, 5, 8
    expect(together[0]).toEqual({ values: [9, 12, 15], total: 36 });
    expect(together[1]).toEqual({ values: [3, 4, 5], total: 4 });
    expect(together[2]).toEqual({ values: [6, 7, 8], total: 8 });
    // and with a segment, only its members' values
    const segment = {
      all: [{ performed: { event: "buy", where: [{ property: "price", op: "gte", value: 6 }] } }],
    };
    const members = await series(engine, { ...base, series: [measured("sum")], segment });
    expect(members[0]).toEqual({ values: [6, 7, 8], total: 21 });
  });
});

// Each walked series beside the same series made to take the users' scan (a filter every event
// passes needs a test, which walking does not take): the two paths must answer alike, over random
// logs with events before, on and after the range's edges, users whose first event has the value,
// any event or one name, a segment, hour buckets and the previous period.
describe("a walked series against the users' scan", () => {
  const slot = fc.integer({ min: 0, max: 4 * 24 });
  const price = fc.constantFrom<number | string | undefined>(1, 2.5, -3, 10, 0.1, "x", undefined);
  const log = fc.array(fc.array(fc.tuple(fc.constantFrom("view", "buy"), slot, price), { maxLength: 6 }), {
    maxLength: 7,
  });
  it("answers as the scan does", async () => {
    await fc.assert(
      fc.asyncProperty(
        log,
        fc.constantFrom<string | null>("buy", null),
        fc.constantFrom("sum", "median", "p90", "min", "max", "avg"),
        fc.constantFrom("day", "hour"),
        fc.boolean(),
        fc.boolean(),
        async (users, event, fn, interval, compare, segmented) => {
          const spec: Record<string, JourneyEvent[]> = {};
          users.forEach((events, u) => {
            // each user's events in time order; every event carries the tag the filter reads
            spec[`u${u}`] = [...events]
              .sort((a, b) => a[1] - b[1])
              .map(([name, at, p]): JourneyEvent => {
                const props: Record<string, number | string> = { tag: "t" };
                if (p !== undefined) props.price = p;
                return [name, Date.UTC(2024, 5, 1) + at * 3_600_000, props];
              });
          });
          spec.anchor = [["view", "2024-06-01T00:00Z", { tag: "t", price: 1 }]];
          const log = journeys(spec);
          try {
            const measure = { fn, property: "price" };
            const q = {
              kind: "trends",
              interval,
              range: { from: "2024-06-02", to: "2024-06-03" },
              timezone: "UTC",
              series: [
                { event: { event }, measure },
                { event: { event, where: [{ property: "tag", op: "eq", value: "t" }] }, measure },
              ],
              ...(compare ? { compare: "previousPeriod" } : {}),
              ...(segmented ? { segment: { all: [{ performed: { event: "buy" } }] } } : {}),
            };
            const query = parseOrThrow(Query, q);
            if (!isQueryOf(query, "trends")) throw new Error("not a trends query");
            const r = await new InProcessEngine(log.ws.db).run(query);
            const [walked, scanned] = r.series;
            expect(walked && { values: walked.values, total: walked.total }).toEqual(
              scanned && { values: scanned.values, total: scanned.total },
            );
            const [pw, ps] = r.previous ?? [];
            expect(pw?.values).toEqual(ps?.values);
          } finally {
            log.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
