import type { ActivityHeatmapQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { ActivityHeatmapResult } from "../../../src-preload/contract/metric-results.ts";
import { Calendar, resolveRange } from "../../engine/metrics/calendar.ts";
import type { ChClient } from "../http.ts";
import type { ChContext } from "./context.ts";
import { activitySql } from "./filters.ts";
import { dayAndHourSql } from "./local-hour.ts";
import { membersSql } from "./segment.ts";

// The activity heatmap as engine/metrics/heatmap.ts: each activity event of the range in its cell
// (weekday of its calendar day x local hour, both from JavaScript-computed day starts and DST
// changes); events counted, or distinct users per cell (and overall) with uniqExact, which is exact
// across shards. Plain distributed GROUP BYs: the answer is 168 cells.

const ANY = { event: null };

export async function runActivityHeatmapOn(
  ch: ChClient,
  ctx: ChContext,
  query: ActivityHeatmapQuery,
  signal?: AbortSignal,
): Promise<ActivityHeatmapResult> {
  const range = resolveRange(query.range, ctx.asOf);
  const cal = new Calendar(range.from, range.to, ctx.timezone);
  const byUsers = query.measure === "users";
  const { day, hour } = dayAndHourSql(cal, "time", "timezone");
  const weekdays = cal.dates.map((_, k) => cal.weekday(k) * 24);
  const where = `time >= ${cal.startMs} AND time < ${cal.endMs}
    AND ${activitySql(ctx, query.event ?? ANY, query.where, "event")} AND ${membersSql(ctx, query.segment)}`;
  const measure = byUsers ? "uniqExact(user)" : "count()";
  const rows = await ch.rows<{ cell: number; c: number }>(
    `SELECT [${weekdays.join(",")}][(${day}) + 1] + ${hour} AS cell, ${measure} AS c
     FROM events WHERE ${where} GROUP BY cell`,
    {},
    signal,
  );
  const counts = new Array<number>(7 * 24).fill(0);
  let events = 0;
  for (const row of rows) {
    counts[row.cell] = row.c;
    events += row.c;
  }
  let total = events;
  if (byUsers) {
    const [usersRow] = await ch.rows<{ n: number }>(
      `SELECT uniqExact(user) AS n FROM events WHERE ${where}`,
      {},
      signal,
    );
    total = usersRow?.n ?? 0;
  }
  const cells: number[][] = [];
  for (let weekday = 0; weekday < 7; weekday++) cells.push(counts.slice(weekday * 24, weekday * 24 + 24));
  return { measure: byUsers ? "users" : "events", cells, total };
}
