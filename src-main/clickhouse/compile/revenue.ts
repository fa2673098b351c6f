import type { RevenueQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { RevenueResult } from "../../../src-preload/contract/metric-results.ts";
import { resolveRange } from "../../engine/metrics/calendar.ts";
import { revenueResult, withRevenueCohorts } from "../../engine/metrics/revenue-result.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import type { ChClient } from "../http.ts";
import { noteProperty } from "../known-properties.ts";
import { str } from "../literal.ts";
import { bucketOf } from "./calendar.ts";
import type { ChContext } from "./context.ts";
import { createdBucketSql } from "./created-bucket.ts";
import { activitySql, matcherSql } from "./filters.ts";
import { metricPeriods, periodOfSql } from "./metric-periods.ts";
import { PER_USER } from "./per-user.ts";
import { membersSql, segmentSql } from "./segment.ts";

// Revenue as engine/metrics/revenue.ts. Per user (on its shard): the periods with activity, the
// cohort (period of creation) and the revenue values in event order (time, then import order).
// Floating-point sums depend on their order, so the values come back per user and are added here
// user by user, event by event, exactly as the local engine adds them; its result step is shared.
// Cohort sizes count every member created in the range, with or without events.

const ANY = { event: null };

interface UserRow {
  user: number;
  ps: number[];
  c: number;
  /** (period, value) of each revenue event, in time order */
  rv: [number, number][];
}

export async function runRevenueOn(
  ch: ChClient,
  ctx: ChContext,
  query: RevenueQuery,
  signal?: AbortSignal,
): Promise<RevenueResult> {
  const range = resolveRange(query.range, ctx.asOf);
  const periods = metricPeriods(range.from, range.to, ctx.timezone, query.interval ?? "month", ctx.weekStart);
  const np = periods.starts.length;
  const cohorts = withRevenueCohorts(np);
  const periodSql = periodOfSql(periods);
  const inRange = `time >= ${periods.bounds[0]}`;
  const members = membersSql(ctx, query.segment);
  noteProperty("event", query.property);
  const keySlotSql = `indexOf(p_keys, ${str(query.property)})`;
  const isRevenue = `${inRange} AND p_types[${keySlotSql}] = 1 AND ${matcherSql(query.event, query.where, "event", ctx.timezone)}`;
  const active = `${inRange} AND ${activitySql(ctx, ANY, query.where, "where")}`;
  const users = await ch.rows<UserRow>(
    `SELECT user, groupUniqArrayIf(${periodSql}, ${active}) AS ps,
       arrayMap(x -> (x.3, x.4), arraySort(groupArrayIf((time, seq, ${periodSql}, p_num[${keySlotSql}]), ${isRevenue}))) AS rv,
       min(time) AS first, ${cohorts ? createdBucketSql(periods.bounds) : "-1"} AS c
     FROM events
     WHERE time < ${periods.bounds[np]} AND ${members}
     GROUP BY user
     HAVING length(ps) > 0 OR length(rv) > 0`,
    PER_USER,
    signal,
  );
  users.sort((a, b) => a.user - b.user);
  const rev = new Float64Array(np);
  const activeN = new Int32Array(np);
  const paying = new Int32Array(np);
  const cohortRev = new Float64Array(cohorts ? np * np : 0);
  let activeTotal = 0;
  let payingTotal = 0;
  for (const user of users) {
    for (const k of user.ps) activeN[k] = (activeN[k] ?? outOfBounds()) + 1;
    if (user.ps.length > 0) activeTotal++;
    if (user.rv.length > 0) payingTotal++;
    let last = -1;
    const cohort = user.c >= 0 && user.c < np ? user.c : -1;
    for (const [k, amount] of user.rv) {
      rev[k] = (rev[k] ?? outOfBounds()) + amount;
      if (cohort >= 0) cohortRev[cohort * np + k] = (cohortRev[cohort * np + k] ?? outOfBounds()) + amount;
      if (k !== last) {
        last = k;
        paying[k] = (paying[k] ?? outOfBounds()) + 1;
      }
    }
  }
  const cohortUsers = new Int32Array(np);
  if (cohorts) {
    const sized = [
      `SELECT ${bucketOf(periods.bounds, "created_at")} AS k, count() AS n FROM users FINAL
       WHERE has_created = 1 AND ${query.segment === undefined ? "1" : segmentSql(ctx, query.segment)} GROUP BY k`,
      `SELECT k, count() AS n FROM (
         SELECT user, min(time) AS first, ${bucketOf(periods.bounds, "first")} AS k FROM events
         WHERE user NOT IN (SELECT user FROM users FINAL WHERE has_created = 1) AND ${members}
         GROUP BY user)
       GROUP BY k`,
    ];
    for (const sql of sized)
      for (const row of await ch.rows<{ k: number; n: number }>(sql, PER_USER, signal))
        if (row.k >= 0 && row.k < np) cohortUsers[row.k] = (cohortUsers[row.k] ?? outOfBounds()) + row.n;
  }
  return revenueResult({
    starts: periods.starts,
    rev,
    active: activeN,
    paying,
    cohortUsers,
    cohortRev,
    activeTotal,
    payingTotal,
  });
}
