import type { ActiveUsersQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { ActiveUsersResult } from "../../../src-preload/contract/metric-results.ts";
import { outOfBounds } from "../typed-index.ts";
import { addDays, Calendar, maxDate, minDate, periodSpan, periodsOf, resolveRange } from "./calendar.ts";
import { checkAbort, createdAtMs, type MetricContext, queryUsers, rate } from "./context.ts";

const WEEK = 7;
const MONTH = 30;

/**
 * DAU, trailing-7-day WAU and trailing-30-day MAU per day of the range (activity before the range
 * counts for the trailing windows), and active / new / returning users per period.
 */
export async function activeUsers(q: ActiveUsersQuery, ctx: MetricContext): Promise<ActiveUsersResult> {
  const tl = ctx.timeline;
  const interval = q.interval ?? "day";
  const weekStart = q.weekStart ?? ctx.weekStart;
  const r = resolveRange(q.range, ctx.asOf);
  const span = periodSpan(r, interval, weekStart);
  const first = addDays(minDate(r.from, span.from), -(MONTH - 1));
  const cal = new Calendar(first, maxDate(span.to, r.to), ctx.timezone);
  const periods = periodsOf(cal, interval, weekStart);
  const spanFrom = cal.indexOfDate(span.from);
  const spanTo = cal.indexOfDate(span.to);
  const n = cal.days;
  const dau = new Int32Array(n);
  const wauDiff = new Int32Array(n + MONTH + 1);
  const mauDiff = new Int32Array(n + MONTH + 1);
  const np = periods.starts.length;
  const active = new Int32Array(np);
  const isNew = new Int32Array(np);
  const pred = ctx.activity(q.event, q.where);
  const members = await queryUsers(ctx, q.segment);
  const lo = cal.startMs;
  const hi = cal.endMs;
  for (let u = 0; u < tl.nUsers; u++) {
    checkAbort(ctx, u);
    if (members && !members[u]) continue;
    const end = tl.userOffsets[u + 1] ?? outOfBounds();
    let hint = -1;
    let lastDay = -1;
    let wauTo = -1;
    let mauTo = -1;
    let lastPeriod = -1;
    let createdPeriod = -2;
    for (let p = tl.userOffsets[u] ?? outOfBounds(); p < end; p++) {
      const t = tl.times[p] ?? outOfBounds();
      if (t < lo) continue;
      if (t >= hi) break;
      hint = cal.dayNear(t, hint);
      const d = hint;
      if (d === lastDay || !pred(p, u)) continue;
      lastDay = d;
      dau[d] = (dau[d] ?? outOfBounds()) + 1;
      wauTo = mark(wauDiff, d, WEEK, wauTo);
      mauTo = mark(mauDiff, d, MONTH, mauTo);
      if (d < spanFrom || d > spanTo) continue;
      const pi = periods.ofDay[d] ?? outOfBounds();
      if (pi === lastPeriod) continue;
      lastPeriod = pi;
      active[pi] = (active[pi] ?? outOfBounds()) + 1;
      if (createdPeriod === -2) {
        const c = cal.dayIndex(createdAtMs(tl, u));
        createdPeriod = c < 0 ? -1 : (periods.ofDay[c] ?? outOfBounds());
      }
      if (createdPeriod === pi) isNew[pi] = (isNew[pi] ?? outOfBounds()) + 1;
    }
  }
  const iTo = cal.indexOfDate(r.to);
  const wau = new Int32Array(iTo + 1);
  const mau = new Int32Array(iTo + 1);
  let w = 0;
  let m = 0;
  for (let d = 0; d <= iTo; d++) {
    w += wauDiff[d] ?? outOfBounds();
    m += mauDiff[d] ?? outOfBounds();
    wau[d] = w;
    mau[d] = m;
  }
  const kept = periods.starts.flatMap((start, pi) => (start < span.from ? [] : [pi]));
  return activeUsersResult({
    dates: cal.dates,
    dau,
    wau,
    mau,
    iFrom: cal.indexOfDate(r.from),
    iTo,
    periodStarts: kept.map((pi) => periods.starts[pi] ?? outOfBounds()),
    active: kept.map((pi) => active[pi] ?? outOfBounds()),
    isNew: kept.map((pi) => isNew[pi] ?? outOfBounds()),
  });
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
export function activeUsersResult(c: ActiveUsersCounts): ActiveUsersResult {
  const days: ActiveUsersResult["days"] = [];
  const sums = { dau: 0, wau: 0, mau: 0 };
  for (let d = c.iFrom; d <= c.iTo; d++) {
    const x = c.dau[d] ?? outOfBounds();
    const wau = c.wau[d] ?? outOfBounds();
    const mau = c.mau[d] ?? outOfBounds();
    days.push({ date: c.dates[d] ?? outOfBounds(), dau: x, wau, mau, stickiness: rate(x, mau) });
    sums.dau += x;
    sums.wau += wau;
    sums.mau += mau;
  }
  const nd = days.length;
  const out: ActiveUsersResult["periods"] = c.periodStarts.map((start, i) => {
    const a = c.active[i] ?? outOfBounds();
    const n = c.isNew[i] ?? outOfBounds();
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
