import fc from "fast-check";
import { it } from "vitest";
import { describeDifferential, withLegs } from "../../helpers/differential.ts";
import type { JourneySpec } from "../../helpers/journeys.ts";
import { trendsArb, trendsLogArb } from "./arbitraries-trends.ts";

// Trends on the cluster must give the local engine's JSON: random logs, pushed to the real 2-shard
// cluster (ClickHouse 18.16) and to chDB (current ClickHouse in-process, one server), times random
// trends queries (arbitraries-trends.ts): three identical JSON answers.

const LOGS = Number(process.env.STRATA_CH_TRENDS_LOGS ?? 2);
const QUERIES = Number(process.env.STRATA_CH_TRENDS_QUERIES ?? 30);
// chDB answers the first of them too (in-process it takes seconds per query on a loaded 2-core CI)
const CHDB_QUERIES = Number(process.env.STRATA_CHDB_TRENDS_QUERIES ?? 10);

describeDifferential("trends", (dbs) => {
  /** The local engine's answers equal the cluster's and chDB's (the first `chdbUpTo` queries there). */
  async function agreeAll(log: JourneySpec, queries: unknown[], chdbUpTo: number): Promise<void> {
    const o = { dbs, prefix: "difftrends", batch: 7, clusterUpTo: queries.length, chdbUpTo };
    await withLegs(log, o, async (agree) => {
      for (const [n, raw] of queries.entries()) await agree(raw, n);
    });
  }

  it("events exactly on (and next to) local midnights and hours after DST changes", async () => {
    // New York and Berlin midnights before and after their 2024 spring changes, in UTC; a bound
    // after a change sits inside a step of the compiled bucket search, not on the step's start
    const midnights = [
      "2024-03-09T05:00Z",
      "2024-03-11T04:00Z",
      "2024-03-12T04:00Z",
      "2024-03-30T23:00Z",
      "2024-03-31T22:00Z",
      "2024-04-01T22:00Z",
      "2024-03-15T18:30Z",
      "2024-03-20T10:45Z",
    ].map(Date.parse);
    const events: [string, number, { p: number }][] = [];
    midnights.forEach((t, i) => {
      for (const d of [-1, 0, 1]) events.push(["a", t + d, { p: i + d / 10 }]);
    });
    const log: JourneySpec = {
      u1: events,
      u2: events.slice(3, 12),
      u3: events.filter((_, i) => i % 2 === 0),
    };
    const queries: unknown[] = [];
    for (const timezone of ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "Pacific/Chatham"])
      for (const interval of ["hour", "day", "week", "month"])
        queries.push({
          kind: "trends",
          series: [
            { event: { event: "a" } },
            { event: { event: "a" }, measure: { fn: "sum", property: "p" } },
          ],
          interval,
          range: { from: "2024-03-05", to: "2024-04-05" },
          timezone,
        });
    await agreeAll(log, queries, 4);
  }, 600_000);

  it('a stored text "$none" or "$other" is its own value, marked literal, beside missing values', async () => {
    const log: JourneySpec = {
      missing: [["buy", "2024-06-01T10:00Z"]],
      // totals apart from the missing values': a tie of two values that read alike is refused
      none: [
        ["buy", "2024-06-01T11:00Z", { c: "$none" }],
        ["buy", "2024-06-02T11:00Z", { c: "$none" }],
      ],
      other: [["buy", "2024-06-02T12:00Z", { c: "$other" }]],
      plain: [["buy", "2024-06-02T13:00Z", { c: "x" }]],
    };
    const query = (limit: number) => ({
      kind: "trends",
      series: [{ event: { event: "buy" } }],
      interval: "day",
      range: { from: "2024-06-01", to: "2024-06-02" },
      breakdown: { property: "c", limit },
      formula: "A * 2",
    });
    await agreeAll(log, [query(10), query(2)], 2);
  }, 600_000);

  const logs = fc.sample(trendsLogArb, { numRuns: LOGS, seed: Number(process.env.STRATA_CH_SEED ?? 23) });
  logs.forEach((log, i) => {
    it(`log ${i}: ${QUERIES} random trends queries give identical JSON`, async () => {
      await agreeAll(log, fc.sample(trendsArb, { numRuns: QUERIES, seed: 2000 + i }), CHDB_QUERIES);
    }, 600_000);
  });
});
