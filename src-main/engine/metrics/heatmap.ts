import type { ActivityHeatmapQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { ActivityHeatmapResult } from "../../../src-preload/contract/metric-results.ts";
import { Calendar, resolveRange } from "./calendar.ts";
import { checkAbort, type MetricContext, queryUsers } from "./context.ts";

/**
 * Events (or distinct users) per weekday x hour of day in the query's timezone, over the range.
 * With `users`, a user counts once per cell however many weeks they were active in it.
 */
export async function activityHeatmap(
  q: ActivityHeatmapQuery,
  ctx: MetricContext,
): Promise<ActivityHeatmapResult> {
  const tl = ctx.timeline;
  const cal = new Calendar(...rangeDates(q, ctx), ctx.timezone);
  // cell of the day's first hour; on a day without a DST change the hour is (t - midnight) / 1 h
  const dayCell = Int32Array.from(cal.dates, (_, k) => cal.weekday(k) * 24);
  const shifts = Uint8Array.from(cal.dates, (_, k) => (cal.shifts(k) ? 1 : 0));
  const starts = cal.starts;
  const byUsers = q.measure === "users";
  const counts = new Float64Array(7 * 24);
  const seen = new Int32Array(7 * 24).fill(-1);
  // "when users are active": any activity, so message sends do not paint the send schedule
  const pred = ctx.activity(q.event, q.where);
  const members = await queryUsers(ctx, q.segment);
  let total = 0;
  const totalSeen = { u: -1 };
  // every event counts when there is neither a matcher nor a where nor a not-activity event:
  // skip the predicate call
  const all =
    (q.event === undefined || (q.event.event === null && !q.event.where?.length)) &&
    !q.where?.length &&
    ctx.notActivity.length === 0;
  const times = tl.times;
  const offsets = tl.userOffsets;
  const lo = cal.startMs;
  const hi = cal.endMs;
  for (let u = 0; u < tl.nUsers; u++) {
    checkAbort(ctx, u);
    if (members && !members[u]) continue;
    const end = offsets[u + 1] as number;
    let hint = -1;
    for (let p = offsets[u] as number; p < end; p++) {
      const t = times[p] as number;
      if (t < lo) continue;
      if (t >= hi) break;
      if (!all && !pred(p, u)) continue;
      hint = cal.dayNear(t, hint);
      const d = hint;
      const hour = shifts[d] ? cal.hour(t, d) : Math.floor((t - (starts[d] as number)) / 3_600_000);
      const cell = (dayCell[d] as number) + hour;
      if (byUsers) {
        if (seen[cell] === u) continue;
        seen[cell] = u;
        if (totalSeen.u !== u) {
          totalSeen.u = u;
          total++;
        }
      } else total++;
      counts[cell] = (counts[cell] as number) + 1;
    }
  }
  const cells: number[][] = [];
  for (let w = 0; w < 7; w++) cells.push(Array.from(counts.subarray(w * 24, w * 24 + 24)));
  return { measure: byUsers ? "users" : "events", cells, total };
}

function rangeDates(q: ActivityHeatmapQuery, ctx: MetricContext): [string, string] {
  const r = resolveRange(q.range, ctx.asOf);
  return [r.from, r.to];
}
