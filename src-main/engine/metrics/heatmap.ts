import type { ActivityHeatmapQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { ActivityHeatmapResult } from "../../../src-preload/contract/metric-results.ts";
import { outOfBounds } from "../typed-index.ts";
import { bucketOf, inverseUp } from "./bucket.ts";
import { Calendar, resolveRange } from "./calendar.ts";
import { checkAbort, type MetricContext, queryUsers } from "./context.ts";

/**
 * Events (or distinct users) per weekday x hour of day in the query's timezone, over the range.
 * With `users`, a user counts once per cell however many weeks they were active in it. Counted over
 * the users of [from, to) (user indexes): the query workers count one slice each and add them up.
 */
export async function activityHeatmap(
  query: ActivityHeatmapQuery,
  ctx: MetricContext,
  from = 0,
  to = ctx.timeline.nUsers,
): Promise<ActivityHeatmapResult> {
  const tl = ctx.timeline;
  const cal = new Calendar(...rangeDates(query, ctx), ctx.timezone);
  // cell of the day's first hour; on a day without a DST change the hour is (t - midnight) / 1 h
  const dayCell = Int32Array.from(cal.dates, (_, k) => cal.weekday(k) * 24);
  const shifts = Uint8Array.from(cal.dates, (_, k) => (cal.shifts(k) ? 1 : 0));
  const starts = cal.starts;
  const byUsers = query.measure === "users";
  const counts = new Float64Array(7 * 24);
  const seen = new Int32Array(7 * 24).fill(-1);
  // "when users are active": any activity, so message sends do not paint the send schedule
  const pred = ctx.activity(query.event, query.where);
  const members = await queryUsers(ctx, query.segment);
  let total = 0;
  const totalSeen = { u: -1 };
  // every event counts when there is neither a matcher nor a where nor a not-activity event:
  // skip the predicate call
  const all =
    (query.event === undefined || (query.event.event === null && !query.event.where?.length)) &&
    !query.where?.length &&
    ctx.notActivity.length === 0;
  const times = tl.times;
  const offsets = tl.userOffsets;
  const lo = cal.startMs;
  const hi = cal.endMs;
  // days of 24 hours with no offset change inside them (UTC, or a zone without DST in the range):
  // an instant's day and hour follow from its hours since the first day's start alone, the same
  // numbers dayNear and the per-day start give
  const uniform = cal.uniform && !shifts.includes(1);
  if (uniform && all && !members && !byUsers) {
    // every event of the range counts once: one pass over the time column, no user loop
    const first = offsets[from] ?? outOfBounds();
    total = countUniform(times, first, offsets[to] ?? outOfBounds(), lo, hi, dayCell, counts, ctx);
  } else {
    for (let user = from; user < to; user++) {
      checkAbort(ctx, user);
      if (members && !members[user]) continue;
      const end = offsets[user + 1] ?? outOfBounds();
      let hint = -1;
      for (let pos = offsets[user] ?? outOfBounds(); pos < end; pos++) {
        const time = times[pos] ?? outOfBounds();
        if (time < lo) continue;
        if (time >= hi) break;
        if (!all && !pred(pos, user)) continue;
        let cell: number;
        if (uniform) {
          const hourOfRange = bucketOf(time - lo, HOUR_MS, INVERSE_HOUR);
          cell = (dayCell[(hourOfRange / 24) | 0] ?? outOfBounds()) + (hourOfRange % 24);
        } else {
          hint = cal.dayNear(time, hint);
          const day = hint;
          const hour = shifts[day]
            ? cal.hour(time, day)
            : Math.floor((time - (starts[day] ?? outOfBounds())) / HOUR_MS);
          cell = (dayCell[day] ?? outOfBounds()) + hour;
        }
        if (byUsers) {
          if (seen[cell] === user) continue;
          seen[cell] = user;
          if (totalSeen.u !== user) {
            totalSeen.u = user;
            total++;
          }
        } else total++;
        counts[cell] = (counts[cell] ?? outOfBounds()) + 1;
      }
    }
  }
  const cells: number[][] = [];
  for (let weekday = 0; weekday < 7; weekday++)
    cells.push(Array.from(counts.subarray(weekday * 24, weekday * 24 + 24)));
  return { measure: byUsers ? "users" : "events", cells, total };
}

const HOUR_MS = 3_600_000;
const INVERSE_HOUR = inverseUp(HOUR_MS);

/**
 * Events of [lo, hi) per cell on uniform days, in one pass over the time column's positions
 * [first, end) (every event of a slice of users; a cut timeline's column may be longer than its events).
 */
function countUniform(
  times: Float64Array,
  first: number,
  end: number,
  lo: number,
  hi: number,
  dayCell: Int32Array,
  counts: Float64Array,
  ctx: MetricContext,
): number {
  // events per hour of the range first (the least work per event), folded into cells after
  // one slot past the range's hours takes the events outside it: a select instead of a branch, which
  // users' events before and after the range would mispredict at every user's edge
  const outside = dayCell.length * 24;
  const perHour = new Int32Array(outside + 1);
  // the abort and deadline checks every 2^20 events, as often as the user loop's per 4096 users
  for (let chunk = first; chunk < end; chunk += 1 << 20) {
    checkAbort(ctx, 0);
    const chunkEnd = Math.min(end, chunk + (1 << 20));
    for (let pos = chunk; pos < chunkEnd; pos++) {
      const time = times[pos] ?? outOfBounds();
      const hourOfRange = bucketOf(time - lo, HOUR_MS, INVERSE_HOUR);
      const slot = time >= lo && time < hi ? hourOfRange : outside;
      perHour[slot] = (perHour[slot] ?? outOfBounds()) + 1;
    }
  }
  let total = 0;
  for (let hourOfRange = 0; hourOfRange < outside; hourOfRange++) {
    const events = perHour[hourOfRange] ?? outOfBounds();
    const cell = (dayCell[(hourOfRange / 24) | 0] ?? outOfBounds()) + (hourOfRange % 24);
    counts[cell] = (counts[cell] ?? outOfBounds()) + events;
    total += events;
  }
  return total;
}

function rangeDates(q: ActivityHeatmapQuery, ctx: MetricContext): [string, string] {
  const r = resolveRange(q.range, ctx.asOf);
  return [r.from, r.to];
}
