import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filterOn } from "../../../../src-main/clickhouse/compile/filters.ts";
import type { AcquisitionResult } from "../../../../src-preload/contract/metric-results.ts";
import type { FunnelResult, SegmentCountResult } from "../../../../src-preload/contract/results.ts";
import type { TrendsResult } from "../../../../src-preload/contract/trends.ts";
import { journeys } from "../../../helpers/journeys.ts";
import { runQuery } from "../run-query.ts";
import { localParts, type OracleUser, oracleSpec, sendTimeOracle } from "./send-time-oracle.ts";

// `$bestSendHour` and `$bestSendWeekday` wherever a user attribute is taken: user filters in event
// matchers and in a query's `where`, the trends breakdown and the acquisition grouping by a user
// attribute. Each is checked against the Intl oracle at the query's own as-of day and timezone.

const ZONES = [
  "UTC",
  "America/New_York", // DST
  "Asia/Kolkata", // +05:30
  "Asia/Kathmandu", // +05:45
  "Pacific/Chatham", // +12:45 / +13:45, DST
  "America/St_Johns", // -03:30 / -02:30, DST
  "Mars/Olympus", // not a zone: the query's timezone
  null,
] as const;

const DAY = 86_400_000;

/** inside the 90 days up to `asOf` in `tz`, the range of `{"last": 90, "unit": "day"}` too */
function inWindow(t: number, tz: string, asOf: string): boolean {
  const from = new Date(Date.parse(`${asOf}T00:00:00Z`) - 89 * DAY).toISOString().slice(0, 10);
  const d = localParts(t, tz).date;
  return d >= from && d <= asOf;
}

function tally(keys: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[String(k)] = (out[String(k)] ?? 0) + 1;
  return out;
}

const userF = (end: number) =>
  fc.record({
    tz: fc.constantFrom(...ZONES),
    // from 100 days before the as-of day (some outside the 90 days) to a day after it
    times: fc.array(fc.integer({ min: end - 100 * DAY, max: end + DAY }), { maxLength: 12 }),
  });

const caseF = fc.constantFrom("2024-11-10", "2024-03-31").chain((asOf) =>
  fc.record({
    asOf: fc.constant(asOf),
    queryTz: fc.constantFrom("UTC", "America/Los_Angeles", "Asia/Kathmandu"),
    users: fc.array(userF(Date.parse(`${asOf}T23:59:59Z`)), { minLength: 1, maxLength: 20 }),
    pick: fc.nat(),
  }),
);

describe("computed send-time attributes at every user-attribute entry point", () => {
  it("filter events, split trends and group acquisition as the oracle says", async () => {
    await fc.assert(
      fc.asyncProperty(caseF, async ({ asOf, queryTz, users: raw, pick }) => {
        const users: OracleUser[] = raw.map((u) => ({ tz: u.tz, times: [...u.times].sort((a, b) => a - b) }));
        const best = sendTimeOracle(users, queryTz, asOf);
        const [H, W] = best[pick % users.length] as [number, number];
        const hourOf = (i: number) => (best[i] as [number, number])[0];
        const weekdayOf = (i: number) => (best[i] as [number, number])[1];
        const idx = users.map((_, i) => i);
        const active = idx.filter((i) => users[i]?.times.some((t) => inWindow(t, queryTz, asOf)));
        const acquired = idx.filter((i) => {
          const first = users[i]?.times[0];
          return first !== undefined && inWindow(first, queryTz, asOf);
        });
        const range = { last: 90, unit: "day" } as const;
        const j = journeys(oracleSpec(users), { asOf: { mode: "fixed", date: asOf } });
        try {
          const hourIs = { property: "$bestSendHour", scope: "user", op: "eq", value: H } as const;
          const weekdayIs = { property: "$bestSendWeekday", scope: "user", op: "eq", value: W } as const;

          // an event matcher's `where` inside a segment condition
          const seg = await runQuery<SegmentCountResult>(j, {
            kind: "segmentCount",
            segment: { performed: { event: "x", where: [hourIs] } },
            timezone: queryTz,
          });
          expect(seg.users).toBe(idx.filter((i) => users[i]?.times.length && hourOf(i) === H).length);

          // a funnel step's `where`
          const funnel = await runQuery<FunnelResult>(j, {
            kind: "funnel",
            steps: [{ event: "x", where: [hourIs] }],
            range,
            timezone: queryTz,
          });
          expect(funnel.steps[0]?.count).toBe(active.filter((i) => hourOf(i) === H).length);

          // a query-level `where`, and the trends breakdown by user attribute
          const trends = await runQuery<TrendsResult>(j, {
            kind: "trends",
            series: [{ event: { event: "x" }, measure: "users" }],
            interval: "month",
            range,
            timezone: queryTz,
            where: [weekdayIs],
          });
          expect(trends.series[0]?.total ?? 0).toBe(active.filter((i) => weekdayOf(i) === W).length);
          const split = await runQuery<TrendsResult>(j, {
            kind: "trends",
            series: [{ event: { event: "x" }, measure: "users" }],
            interval: "month",
            range,
            timezone: queryTz,
            breakdown: { property: "$bestSendHour", scope: "user", limit: 50 },
          });
          expect(Object.fromEntries(split.series.map((s) => [String(s.breakdown), s.total]))).toEqual(
            tally(active.map(hourOf)),
          );

          // acquisition grouped by a user attribute
          const acq = await runQuery<AcquisitionResult>(j, {
            kind: "acquisition",
            by: { property: "$bestSendWeekday", scope: "user" },
            range,
            timezone: queryTz,
          });
          expect(Object.fromEntries(acq.rows.map((r) => [String(r.value), r.users]))).toEqual(
            tally(acquired.map(weekdayOf)),
          );
        } finally {
          j.close();
        }
      }),
      { numRuns: 20 },
    );
  });

  it("are refused on a ClickHouse cluster instead of read as missing", () => {
    expect(() =>
      filterOn("a", { property: "$bestSendHour", scope: "user", op: "eq", value: 9 }, "segment.attribute"),
    ).toThrow(/segment\.attribute\.property: not answered on the ClickHouse cluster/);
  });
});

describe("computed send-time attributes in segment flow", () => {
  it("are computed at each date's own as-of day", async () => {
    // morning habits in winter, evening ones in spring: the best hour moves between the dates
    const zones = ["Asia/Kathmandu", "America/New_York", "Pacific/Chatham", null];
    const users: OracleUser[] = zones.map((tz, i) => {
      const times: number[] = [];
      for (let d = 0; d < 40; d++) {
        times.push(Date.parse("2024-01-05T20:00:00Z") + d * DAY + i * 3_600_000);
        times.push(Date.parse("2024-04-01T08:00:00Z") + d * DAY + i * 3_600_000);
      }
      return { tz, times: times.sort((a, b) => a - b) };
    });
    const at = ["2024-02-20", "2024-05-20"];
    const j = journeys(oracleSpec(users), { asOf: { mode: "fixed", date: "2024-06-30" } });
    try {
      const r = await runQuery<{ counts: number[][]; transitions: { matrix: number[][] }[] }>(j, {
        kind: "segmentFlow",
        states: [
          {
            label: "before noon",
            segment: { attribute: { property: "$bestSendHour", scope: "user", op: "lt", value: 12 } },
          },
        ],
        at,
        timezone: "UTC",
      });
      // state 0 "before noon", 1 "$none" ("$notYet" never: everyone starts in January)
      const stateAt = at.map((d) => sendTimeOracle(users, "UTC", d).map(([h]) => (h < 12 ? 0 : 1)));
      const [s0, s1] = stateAt as [number[], number[]];
      const matrix = [0, 1, 2].map((x) =>
        [0, 1, 2].map((y) => s0.filter((v, u) => v === x && s1[u] === y).length),
      );
      expect(r.counts).toEqual(stateAt.map((s) => [0, 1, 2].map((x) => s.filter((v) => v === x).length)));
      expect(r.transitions[0]?.matrix).toEqual(matrix);
      // the premise: some user's best hour crosses noon between the dates
      expect(matrix[0]?.[1] ?? 0).toBeGreaterThan(0);
      expect(matrix[1]?.[0] ?? 0).toBeGreaterThan(0);
    } finally {
      j.close();
    }
  });
});
