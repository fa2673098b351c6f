import type { ChurnQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { ChurnPeriod, ChurnResult } from "../../../src-preload/contract/metric-results.ts";
import { firstAtOrAfter, gallop } from "../time-search.ts";
import { outOfBounds } from "../typed-index.ts";
import { addInto } from "./add-counts.ts";
import { Calendar, periodEnds, periodSpan, periodsOf, resolveRange } from "./calendar.ts";
import {
  checkAbort,
  createdAtMs,
  type EventPredicate,
  type MetricContext,
  queryUsers,
  rate,
} from "./context.ts";

/**
 * Per period: active users, how many of them are active again in the next period (churn is the rest),
 * and the customer retention rate (E - N) / S against the previous period. Optionally per segment.
 */
export async function churn(q: ChurnQuery, ctx: MetricContext): Promise<ChurnResult> {
  return churnResult(await churnCounts(q, ctx, 0, ctx.timeline.nUsers));
}

/** Users counted per period: active, created in it (new), and active again in the next one. */
export interface PeriodCounts {
  users: number;
  active: Int32Array;
  isNew: Int32Array;
  retained: Int32Array;
}

/** The counts behind churn, for everyone and for each of the query's segments. */
export interface ChurnCounts {
  starts: string[];
  all: PeriodCounts;
  bySegment?: { name: string; counts: PeriodCounts }[];
}

/**
 * churn's counts over the users of [from, to) (user indexes): every count is of users, so the query
 * workers' slices add up to the whole (addChurnCounts).
 */
export async function churnCounts(
  query: ChurnQuery,
  ctx: MetricContext,
  from: number,
  to: number,
): Promise<ChurnCounts> {
  const weekStart = query.weekStart ?? ctx.weekStart;
  const span = periodSpan(resolveRange(query.range, ctx.asOf), query.interval, weekStart);
  const cal = new Calendar(span.from, span.to, ctx.timezone);
  const periods = periodsOf(cal, query.interval, weekStart);
  const pred = ctx.activity(query.event, query.where);
  const members = await queryUsers(ctx, query.segment);
  const users = { from, to };
  const out: ChurnCounts = {
    starts: periods.starts,
    all: countPeriods(ctx, cal, periods, pred, members, users),
  };
  if (query.segments) {
    out.bySegment = [];
    for (const named of query.segments) {
      const seg = await ctx.segmentUsers(named.segment);
      const both = members ? seg.map((v, i) => (v && members[i] ? 1 : 0)) : seg;
      out.bySegment.push({ name: named.name, counts: countPeriods(ctx, cal, periods, pred, both, users) });
    }
  }
  return out;
}

export function churnResult(c: ChurnCounts): ChurnResult {
  const rows = (p: PeriodCounts) => churnRows(c.starts, p.active, p.isNew, p.retained);
  const result: ChurnResult = { periods: rows(c.all) };
  if (c.bySegment)
    result.bySegment = c.bySegment.map((s) => ({
      name: s.name,
      users: s.counts.users,
      periods: rows(s.counts),
    }));
  return result;
}

/** Slices' counts added up; the periods and segments are every slice's own. */
export function addChurnCounts(parts: readonly ChurnCounts[]): ChurnCounts {
  const [first, ...rest] = parts;
  if (!first) throw new Error("churn: no slice answered");
  const add = (into: PeriodCounts, more: PeriodCounts) => {
    into.users += more.users;
    for (const key of ["active", "isNew", "retained"] as const) addInto(into[key], more[key]);
  };
  for (const p of rest) {
    add(first.all, p.all);
    first.bySegment?.forEach((s, i) => {
      const more = p.bySegment?.[i];
      if (more) add(s.counts, more.counts);
    });
  }
  return first;
}

function countPeriods(
  ctx: MetricContext,
  cal: Calendar,
  periods: { starts: string[]; ofDay: Int32Array },
  pred: EventPredicate,
  members: Uint8Array | null,
  slice: { from: number; to: number },
): PeriodCounts {
  const tl = ctx.timeline;
  const np = periods.starts.length;
  const active = new Int32Array(np);
  const isNew = new Int32Array(np);
  const retained = new Int32Array(np);
  const ends = periodEnds(cal, periods.ofDay, np);
  const times = tl.times;
  const startMs = cal.startMs;
  const endMs = cal.endMs;
  let users = 0;
  for (let user = slice.from; user < slice.to; user++) {
    checkAbort(ctx, user);
    if (members && !members[user]) continue;
    users++;
    const end = tl.userOffsets[user + 1] ?? outOfBounds();
    let hint = -1;
    let last = -1;
    let created = -2;
    for (
      let pos = firstAtOrAfter(times, tl.userOffsets[user] ?? outOfBounds(), end, startMs);
      pos < end;
      pos++
    ) {
      const time = times[pos] ?? outOfBounds();
      if (time >= endMs) break;
      hint = cal.dayNear(time, hint);
      const pi = periods.ofDay[hint] ?? outOfBounds();
      if (pi === last || !pred(pos, user)) continue;
      // the period is counted: the rest of its events change nothing, so on to the next period's first
      pos = gallop(times, pos + 1, end, ends[pi] ?? outOfBounds()) - 1;
      if (pi === last + 1 && last >= 0) retained[last] = (retained[last] ?? outOfBounds()) + 1;
      last = pi;
      active[pi] = (active[pi] ?? outOfBounds()) + 1;
      if (created === -2) {
        const createdDay = cal.dayIndex(createdAtMs(tl, user));
        created = createdDay < 0 ? -1 : (periods.ofDay[createdDay] ?? outOfBounds());
      }
      if (created === pi) isNew[pi] = (isNew[pi] ?? outOfBounds()) + 1;
    }
  }
  return { users, active, isNew, retained };
}

/**
 * The periods from per-period counts of active users, of those created in the period (new) and of
 * those active again in the next one (retainedNext; the last period has no next).
 */
export function churnRows(
  starts: readonly string[],
  active: ArrayLike<number>,
  isNew: ArrayLike<number>,
  retained: ArrayLike<number>,
): ChurnPeriod[] {
  const np = starts.length;
  const out: ChurnPeriod[] = [];
  for (let i = 0; i < np; i++) {
    const a = active[i] ?? outOfBounds();
    const hasNext = i + 1 < np;
    const kept = hasNext ? (retained[i] ?? outOfBounds()) : null;
    out.push({
      start: starts[i] ?? outOfBounds(),
      active: a,
      new: isNew[i] ?? outOfBounds(),
      retainedNext: kept,
      churned: kept === null ? null : a - kept,
      churnRate: kept === null ? null : rate(a - kept, a),
      retentionRate: i === 0 ? null : rate(a - (isNew[i] ?? outOfBounds()), active[i - 1] ?? outOfBounds()),
    });
  }
  return out;
}
