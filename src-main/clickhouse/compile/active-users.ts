import type { ActiveUsersQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { ActiveUsersResult } from "../../../src-preload/contract/metric-results.ts";
import { activeUsersResult } from "../../engine/metrics/active-users.ts";
import {
  addDays,
  Calendar,
  maxDate,
  minDate,
  periodSpan,
  resolveRange,
} from "../../engine/metrics/calendar.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import type { ChClient } from "../http.ts";
import type { ChContext } from "./context.ts";
import { createdBucketSql } from "./created-bucket.ts";
import { dayIndexSql } from "./day-index.ts";
import { activitySql } from "./filters.ts";
import { flagsSql, metricPeriods, periodOfSql } from "./metric-periods.ts";
import { PER_USER } from "./per-user.ts";
import { membersSql } from "./segment.ts";

// Active users as engine/metrics/active-users.ts. Per user (on its shard): the calendar days with
// activity, as 0/1 flags per day; WAU and MAU flags from their running sum (active in the last 7 /
// 30 days: the sum grew over that window); the span's periods with activity and whether the user
// was created in each. The sums of the flags are the counts; the result is the engine's own.

const ANY = { event: null };
const WEEK = 7;
const MONTH = 30;

/** 1 on day k when the running sum `cs` of day flags grew over the `len` days up to k. */
function windowFlags(cs: string, n: number, len: number): string {
  const zeros = `arrayMap(x -> toUInt64(0), range(${len}))`;
  return `arrayMap((a, b) -> toUInt64(a > b), ${cs}, arraySlice(arrayConcat(${zeros}, ${cs}), 1, ${n}))`;
}

export async function runActiveUsersOn(
  ch: ChClient,
  ctx: ChContext,
  query: ActiveUsersQuery,
  signal?: AbortSignal,
): Promise<ActiveUsersResult> {
  const interval = query.interval ?? "day";
  const range = resolveRange(query.range, ctx.asOf);
  const span = periodSpan(range, interval, ctx.weekStart);
  const first = addDays(minDate(range.from, span.from), -(MONTH - 1));
  const cal = new Calendar(first, maxDate(span.to, range.to), ctx.timezone);
  const dayCount = cal.days;
  const periods = metricPeriods(span.from, span.to, ctx.timezone, interval, ctx.weekStart);
  const np = periods.starts.length;
  const [spanLo, spanHi] = [periods.bounds[0] ?? outOfBounds(), periods.bounds[np] ?? outOfBounds()];
  const act = `time >= ${cal.startMs} AND ${activitySql(ctx, query.event ?? ANY, query.where, "event")}`;
  const sql = `SELECT sumForEach(f) AS dau, sumForEach(w) AS wau, sumForEach(m) AS mau,
      sumForEach(pa) AS active, sumForEach(pn) AS isNew
    FROM (
      SELECT user, groupUniqArrayIf(${dayIndexSql(cal.starts, "time")}, ${act}) AS days,
        groupUniqArrayIf(${periodOfSql(periods)}, ${act} AND time >= ${spanLo} AND time < ${spanHi}) AS ps,
        min(time) AS first, ${createdBucketSql(periods.bounds)} AS cb,
        ${flagsSql("days", dayCount)} AS f, arrayCumSum(f) AS cs,
        ${windowFlags("cs", dayCount, WEEK)} AS w, ${windowFlags("cs", dayCount, MONTH)} AS m,
        ${flagsSql("ps", np)} AS pa,
        arrayMap(k -> toUInt64(has(ps, k) AND cb = k), range(${np})) AS pn
      FROM events
      WHERE time < ${cal.endMs} AND ${membersSql(ctx, query.segment)}
      GROUP BY user
      HAVING length(days) > 0)`;
  const [row] = await ch.rows<{
    dau: number[];
    wau: number[];
    mau: number[];
    active: number[];
    isNew: number[];
  }>(sql, PER_USER, signal);
  const zeros = (k: number) => new Array<number>(k).fill(0);
  const full = (a: number[] | undefined, k: number) => (a && a.length === k ? a : zeros(k));
  return activeUsersResult({
    dates: cal.dates,
    dau: full(row?.dau, dayCount),
    wau: full(row?.wau, dayCount),
    mau: full(row?.mau, dayCount),
    iFrom: cal.indexOfDate(range.from),
    iTo: cal.indexOfDate(range.to),
    periodStarts: periods.starts,
    active: full(row?.active, np),
    isNew: full(row?.isNew, np),
  });
}
