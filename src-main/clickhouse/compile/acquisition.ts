import type { AcquisitionQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { AcquisitionResult } from "../../../src-preload/contract/metric-results.ts";
import {
  type AcquisitionGroup,
  acquisitionFrame,
  acquisitionRows,
} from "../../engine/metrics/acquisition.ts";
import type { ChClient } from "../http.ts";
import type { ChContext } from "./context.ts";
import { dayIndexSql } from "./day-index.ts";
import { activitySql, matcherSql } from "./filters.ts";
import { PER_USER } from "./per-user.ts";
import { keyValue, propKeySql } from "./prop-value.ts";
import { membersSql } from "./segment.ts";
import { userKeySql } from "./user-key.ts";

// acquisition as engine/metrics/acquisition.ts, one row per user on the user's shard: the first
// event of any kind (filters ignored) must fall on a day of the range; its group is a property of
// that first event (time, then import order) or a user attribute; converted when a conversion event
// comes within the window of it; retained on day N when an activity event (not a message delivery)
// passing `where` falls on calendar day first + N (incomplete when that day is after the as-of day).
// Every figure is an integer.

/** An array literal of per-user figures (an empty one typed, as `[]` alone has no type). */
function listOf(xs: string[]): string {
  return xs.length === 0 ? "CAST([] AS Array(UInt64))" : `[${xs.join(", ")}]`;
}

interface Row {
  k: [number, string, number];
  users: number;
  converted: number;
  retained: number[];
  incomplete: number[];
  first: number;
}

export async function runAcquisitionOn(
  ch: ChClient,
  ctx: ChContext,
  query: AcquisitionQuery,
  signal?: AbortSignal,
): Promise<AcquisitionResult> {
  const { days, cal, rangeEnd, asOfDay, windowMs } = acquisitionFrame(query, ctx.asOf, ctx.timezone);
  const user =
    query.by.scope === "user" ? await userKeySql(ch, query.by.property, "by.property", signal) : null;
  const key = user ? user.sql : `argMin(${propKeySql("p", query.by.property)}, (time, seq))`;
  const conv = query.conversion ? matcherSql(query.conversion, query.where, "conversion", ctx.timezone) : "0";
  const passes = activitySql(ctx, { event: null }, query.where, "where");
  const day = dayIndexSql(cal.starts, "time");
  // a user attribute is a function of `user` alone: grouped beside it. The retention flags are
  // written out per day, not as a lambda over the days: with an IN set in the key, 18.16 loses the
  // event columns of `act`'s condition inside a lambda ("Unknown identifier: p_types")
  const perUser = `SELECT user, ${key} AS k, min(time) AS first,
      ${dayIndexSql(cal.starts, "min(time)")} AS d0,
      countIf(${conv}) > 0 AND minIf(time, ${conv}) <= first + ${windowMs} AS conv,
      groupUniqArrayIf(${day}, ${passes}) AS act,
      ${listOf(days.map((n) => `toUInt64(d0 + ${n} <= ${asOfDay} AND has(act, d0 + ${n}))`))} AS ret,
      ${listOf(days.map((n) => `toUInt64(d0 + ${n} > ${asOfDay})`))} AS inc
    FROM events WHERE time < ${cal.endMs} AND ${membersSql(ctx, query.segment)}
    GROUP BY user${user ? ", k" : ""} HAVING d0 >= 0 AND d0 <= ${rangeEnd}`;
  const rows = await ch.rows<Row>(
    `SELECT k, count() AS users, countIf(conv) AS converted, sumForEach(ret) AS retained,
       sumForEach(inc) AS incomplete, min(user) AS first
     FROM (${perUser}) GROUP BY k`,
    PER_USER,
    signal,
  );
  const value = (row: Row) => (user ? user.value(row.k[0]) : keyValue(row.k));
  // the local engine meets the groups in order of their first user
  const groups: AcquisitionGroup[] = rows
    .sort((a, b) => a.first - b.first)
    .map((row) => ({
      value: value(row),
      users: row.users,
      converted: row.converted,
      retained: days.map((_, i) => row.retained[i] ?? 0),
      incomplete: days.map((_, i) => row.incomplete[i] ?? 0),
    }));
  const total = groups.reduce((s, g) => s + g.users, 0);
  return { users: total, rows: acquisitionRows(groups, query, days) };
}
