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
