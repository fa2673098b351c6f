import type { ActiveUsersQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { ActiveUsersResult } from "../../../src-preload/contract/metric-results.ts";
import { NEEDS_TEST } from "../filters.ts";
import { firstAtOrAfter, gallop } from "../time-search.ts";
import { outOfBounds } from "../typed-index.ts";
import { addPicked } from "./add-counts.ts";
import { addDays, Calendar, maxDate, minDate, periodSpan, periodsOf, resolveRange } from "./calendar.ts";
import { checkAbort, createdAtMs, type MetricContext, queryUsers, rate } from "./context.ts";

const WEEK = 7;
const MONTH = 30;

/**
 * DAU, trailing-7-day WAU and trailing-30-day MAU per day of the range (activity before the range
 * counts for the trailing windows), and active / new / returning users per period.
 */
export async function activeUsers(query: ActiveUsersQuery, ctx: MetricContext): Promise<ActiveUsersResult> {
  return activeUsersResult(await activeUsersCounts(query, ctx, 0, ctx.timeline.nUsers));
}

/**
 * The counts behind activeUsers over the users of [from, to) (user indexes): every count is of users,
 * so the query workers' slices add up to the whole (addActiveUsersCounts).
 */
export async function activeUsersCounts(
  query: ActiveUsersQuery,
  ctx: MetricContext,
  from: number,
  to: number,
): Promise<ActiveUsersCounts> {
  const tl = ctx.timeline;
  const interval = query.interval ?? "day";
  const weekStart = query.weekStart ?? ctx.weekStart;
  const range = resolveRange(query.range, ctx.asOf);
  const span = periodSpan(range, interval, weekStart);
  const first = addDays(minDate(range.from, span.from), -(MONTH - 1));
  const cal = new Calendar(first, maxDate(span.to, range.to), ctx.timezone);
  const periods = periodsOf(cal, interval, weekStart);
  const spanFrom = cal.indexOfDate(span.from);
  const spanTo = cal.indexOfDate(span.to);
  const nDays = cal.days;
  const dau = new Int32Array(nDays);
  const wauDiff = new Int32Array(nDays + MONTH + 1);
  const mauDiff = new Int32Array(nDays + MONTH + 1);
  const np = periods.starts.length;
  const active = new Int32Array(np);
  const isNew = new Int32Array(np);
  const pred = ctx.activity(query.event, query.where);
  // the same test as a code compared inline when it is that simple (filters.ts bareCode)
  const code = ctx.activityCode(query.event, query.where);
  const codes = tl.eventCodes;
  const members = await queryUsers(ctx, query.segment);
  const lo = cal.startMs;
  const hi = cal.endMs;
  const times = tl.times;
  const dayStarts = cal.starts;
  for (let user = from; user < to; user++) {
    checkAbort(ctx, user);
    if (members && !members[user]) continue;
    const end = tl.userOffsets[user + 1] ?? outOfBounds();
    let hint = -1;
    let lastDay = -1;
    let wauTo = -1;
    let mauTo = -1;
    let lastPeriod = -1;
    let createdPeriod = -2;
    for (let pos = firstAtOrAfter(times, tl.userOffsets[user] ?? outOfBounds(), end, lo); pos < end; pos++) {
      const time = times[pos] ?? outOfBounds();
      if (time >= hi) break;
      hint = cal.dayNear(time, hint);
      const day = hint;
      if (day === lastDay) continue;
      if (code >= 0 ? codes[pos] !== code : code === NEEDS_TEST && !pred(pos, user)) continue;
      lastDay = day;
      // the day is counted: the rest of its events change nothing, so on to the next day's first
      pos = gallop(times, pos + 1, end, dayStarts[day + 1] ?? outOfBounds()) - 1;
      dau[day] = (dau[day] ?? outOfBounds()) + 1;
      wauTo = mark(wauDiff, day, WEEK, wauTo);
      mauTo = mark(mauDiff, day, MONTH, mauTo);
      if (day < spanFrom || day > spanTo) continue;
      const pi = periods.ofDay[day] ?? outOfBounds();
      if (pi === lastPeriod) continue;
      lastPeriod = pi;
      active[pi] = (active[pi] ?? outOfBounds()) + 1;
      if (createdPeriod === -2) {
        const createdDay = cal.dayIndex(createdAtMs(tl, user));
        createdPeriod = createdDay < 0 ? -1 : (periods.ofDay[createdDay] ?? outOfBounds());
      }
      if (createdPeriod === pi) isNew[pi] = (isNew[pi] ?? outOfBounds()) + 1;
    }
  }
  const iTo = cal.indexOfDate(range.to);
  const wau = new Int32Array(iTo + 1);
  const mau = new Int32Array(iTo + 1);
  let wauToday = 0;
  let mauToday = 0;
  for (let dayIndex = 0; dayIndex <= iTo; dayIndex++) {
    wauToday += wauDiff[dayIndex] ?? outOfBounds();
    mauToday += mauDiff[dayIndex] ?? outOfBounds();
    wau[dayIndex] = wauToday;
    mau[dayIndex] = mauToday;
  }
  const kept = periods.starts.flatMap((start, pi) => (start < span.from ? [] : [pi]));
  return {
    dates: cal.dates,
    dau,
    wau,
    mau,
    iFrom: cal.indexOfDate(range.from),
    iTo,
    periodStarts: kept.map((pi) => periods.starts[pi] ?? outOfBounds()),
    active: kept.map((pi) => active[pi] ?? outOfBounds()),
    isNew: kept.map((pi) => isNew[pi] ?? outOfBounds()),
  };
}

/** Slices' counts added up, in slice order; the days and periods are every slice's own. */
export function addActiveUsersCounts(parts: readonly ActiveUsersCounts[]): ActiveUsersCounts {
  const [first] = parts;
  if (!first) throw new Error("active users: no slice answered");
  const add = (pick: (counts: ActiveUsersCounts) => ArrayLike<number>) => addPicked(parts, pick);
  return {
    ...first,
    dau: add((c) => c.dau),
    wau: add((c) => c.wau),
    mau: add((c) => c.mau),
    active: add((c) => c.active),
    isNew: add((c) => c.isNew),
  };
}

/** Per-day and per-period counts of active users, before the result's sums and rates. */
export interface ActiveUsersCounts {
  /** the calendar's days; dau, wau and mau are indexed by them */
  dates: readonly string[];
  dau: ArrayLike<number>;
  /** users active in the 7 days up to each day (up to iTo) */
  wau: ArrayLike<number>;
  mau: ArrayLike<number>;
  /** the range's first and last day in the calendar */
  iFrom: number;
  iTo: number;
  /** the periods shown (those of the range's whole-period span) and their counts */
  periodStarts: readonly string[];
  active: ArrayLike<number>;
  isNew: ArrayLike<number>;
}

/** The result from the counts: the range's days, the periods, averages and stickiness. */
export function activeUsersResult(counts: ActiveUsersCounts): ActiveUsersResult {
  const days: ActiveUsersResult["days"] = [];
  const sums = { dau: 0, wau: 0, mau: 0 };
  for (let day = counts.iFrom; day <= counts.iTo; day++) {
    const dau = counts.dau[day] ?? outOfBounds();
    const wau = counts.wau[day] ?? outOfBounds();
    const mau = counts.mau[day] ?? outOfBounds();
    days.push({
      date: counts.dates[day] ?? outOfBounds(),
      dau,
      wau,
      mau,
      stickiness: rate(dau, mau),
    });
    sums.dau += dau;
    sums.wau += wau;
    sums.mau += mau;
  }
  const nd = days.length;
  const out: ActiveUsersResult["periods"] = counts.periodStarts.map((start, i) => {
    const a = counts.active[i] ?? outOfBounds();
    const n = counts.isNew[i] ?? outOfBounds();
    return { start, active: a, new: n, returning: a - n };
  });
  return {
    days,
    periods: out,
    summary: {
      avgDau: sums.dau / nd,
      avgWau: sums.wau / nd,
      avgMau: sums.mau / nd,
      stickiness: rate(sums.dau, sums.mau),
    },
  };
}

/** Counts the user once on days d..d+len-1, skipping days an earlier active day already covered. */
function mark(diff: Int32Array, d: number, len: number, coveredTo: number): number {
  const from = Math.max(d, coveredTo + 1);
  const to = d + len - 1;
  diff[from] = (diff[from] ?? outOfBounds()) + 1;
  diff[to + 1] = (diff[to + 1] ?? outOfBounds()) - 1;
  return to;
}
