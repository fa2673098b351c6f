import type { SessionsQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { SessionsResult } from "../../../src-preload/contract/metric-results.ts";
import { durationMs } from "../calendar.ts";
import { type PropColumn, TAG_MISSING, TAG_STRING } from "../columns/types.ts";
import { NEEDS_TEST } from "../filters.ts";
import { Calendar, resolveRange } from "./calendar.ts";
import { checkAbort, lowerBound, type MetricContext, queryUsers, rate } from "./context.ts";
import { median } from "./stats.ts";

export const DEFAULT_SESSION_PROPERTY = "session_id";
export const DEFAULT_GAP = { value: 30, unit: "minute" } as const;
/** lower bounds of the session-length buckets, seconds */
export const LENGTH_BOUNDS = [0, 10, 30, 60, 180, 600, 1800, 3600, 10800];

/**
 * Sessions of the range's events: events carrying the session property are grouped by its value;
 * the others are cut by the gap rule (a new session after `gap` without events). A session's length
 * is its last event time minus its first; it belongs to the day it starts on.
 */
export async function sessions(q: SessionsQuery, ctx: MetricContext): Promise<SessionsResult> {
  const tl = ctx.timeline;
  const r = resolveRange(q.range, ctx.asOf);
  const cal = new Calendar(r.from, r.to, ctx.timezone);
  const gap = durationMs(q.gap ?? DEFAULT_GAP);
  // the default session property is only read where events carry it; a named one must exist
  const propName =
    q.sessionProperty !== undefined
      ? q.sessionProperty
      : tl.hasProperty("event", DEFAULT_SESSION_PROPERTY)
        ? DEFAULT_SESSION_PROPERTY
        : null;
  const col: PropColumn | null = propName === null ? null : tl.propColumn(propName);
  // sessions are made of what the user did: message deliveries are not part of them
  const passes = ctx.activity(null, q.where);
  // the activity test as an inline code comparison when it is that simple (filters.ts bareCode)
  const code = ctx.activityCode(null, q.where);
  const members = await queryUsers(ctx, q.segment);
  const lengths = new Grow();
  const userDay = new Grow();
  const dayUsers = new Int32Array(cal.days);
  const daySessions = new Int32Array(cal.days);
  const daySeconds = new Float64Array(cal.days);
  let fromProperty = 0;
  let users = 0;
  const times = tl.times;
  const codes = tl.eventCodes;
  const offsets = tl.userOffsets;
  const lo = cal.startMs;
  const hi = cal.endMs;
  // reused across users: the user's sessions as (start, end) pairs (at most one per event), the
  // seconds they spent per day with the days in first-touched order, and id-sessions by value
  let most = 0;
  for (let u = 0; u < tl.nUsers; u++)
    most = Math.max(most, (offsets[u + 1] as number) - (offsets[u] as number));
  const starts = new Float64Array(most);
  const ends = new Float64Array(most);
  const spent = new Float64Array(cal.days);
  const touched = new Int32Array(cal.days);
  const seenBy = new Int32Array(cal.days).fill(-1);
  const byId = new Map<string, number>();
  // a column with no values at all (the usual case without session ids) skips the id path
  const idCol = col?.tag.some((t) => t !== TAG_MISSING) ? col : null;
  for (let u = 0; u < tl.nUsers; u++) {
    checkAbort(ctx, u);
    if (members && !members[u]) continue;
    let n = 0;
    if (idCol) byId.clear();
    let curStart = Number.NaN;
    let curEnd = Number.NaN;
    const end = offsets[u + 1] as number;
    for (let p = lowerBound(times, offsets[u] as number, end, lo); p < end; p++) {
      const t = times[p] as number;
      if (t >= hi) break;
      if (code >= 0 ? codes[p] !== code : code === NEEDS_TEST && !passes(p, u)) continue;
      if (idCol) {
        const tag = idCol.tag[p] as number;
        if (tag !== TAG_MISSING) {
          const key = tag === TAG_STRING ? `s${idCol.str[p]}` : `n${idCol.num[p]}`;
          const k = byId.get(key);
          if (k !== undefined) ends[k] = t;
          else {
            byId.set(key, n);
            starts[n] = t;
            ends[n++] = t;
            fromProperty++;
          }
          continue;
        }
      }
      if (t - curEnd <= gap) curEnd = t;
      else {
        if (!Number.isNaN(curStart)) {
          starts[n] = curStart;
          ends[n++] = curEnd;
        }
        curStart = t;
        curEnd = t;
      }
    }
    if (!Number.isNaN(curStart)) {
      starts[n] = curStart;
      ends[n++] = curEnd;
    }
    if (n === 0) continue;
    users++;
    // seconds per day this user spent, by session start day
    let nTouched = 0;
    let hint = -1;
    for (let i = 0; i < n; i++) {
      const secs = ((ends[i] as number) - (starts[i] as number)) / 1000;
      lengths.push(secs);
      hint = cal.dayNear(starts[i] as number, hint);
      const d = hint;
      daySessions[d] = (daySessions[d] as number) + 1;
      daySeconds[d] = (daySeconds[d] as number) + secs;
      // the user's first session on this day: the day starts at 0, as a Map's missing entry would
      if (seenBy[d] !== u) {
        seenBy[d] = u;
        touched[nTouched++] = d;
        spent[d] = 0;
      }
      spent[d] = (spent[d] as number) + secs;
    }
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i] as number;
      dayUsers[d] = (dayUsers[d] as number) + 1;
      userDay.push(spent[d] as number);
    }
  }
  const counts = new Array<number>(LENGTH_BOUNDS.length).fill(0);
  let total = 0;
  const last = LENGTH_BOUNDS.length - 1;
  for (let i = 0; i < lengths.n; i++) {
    const secs = lengths.at(i);
    total += secs;
    // the last bound <= secs, searched upward: most sessions are short
    let b = 0;
    while (b < last && secs >= (LENGTH_BOUNDS[b + 1] as number)) b++;
    counts[b] = (counts[b] as number) + 1;
  }
  let userDayTotal = 0;
  for (let i = 0; i < userDay.n; i++) userDayTotal += userDay.at(i);
  return {
    sessions: lengths.n,
    users,
    sessionsPerUser: rate(lengths.n, users),
    medianSeconds: median(lengths.values()),
    avgSeconds: rate(total, lengths.n),
    sessionsFromProperty: fromProperty,
    lengths: { boundsSeconds: LENGTH_BOUNDS.slice(), counts },
    days: cal.dates.map((date, d) => ({
      date,
      users: dayUsers[d] as number,
      sessions: daySessions[d] as number,
      avgSecondsPerUser: rate(daySeconds[d] as number, dayUsers[d] as number),
    })),
    timePerUserDay: {
      avgSeconds: rate(userDayTotal, userDay.n),
      medianSeconds: median(userDay.values()),
    },
  };
}

/** A growing list of numbers in a typed array (doubling), without a boxed array's per-push cost. */
class Grow {
  n = 0;
  private a = new Float64Array(1024);
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  at(i: number): number {
    return this.a[i] as number;
  }
  values(): Float64Array {
    return this.a.subarray(0, this.n);
  }
}
