import type { SessionsQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { SessionsResult } from "../../../src-preload/contract/metric-results.ts";
import { durationMs } from "../calendar.ts";
import { type PropColumn, TAG_MISSING, TAG_STRING } from "../columns/types.ts";
import { Calendar, resolveRange } from "./calendar.ts";
import { checkAbort, type MetricContext, queryUsers, rate } from "./context.ts";
import { median } from "./stats.ts";

export const DEFAULT_SESSION_PROPERTY = "session_id";
export const DEFAULT_GAP = { value: 30, unit: "minute" } as const;
/** lower bounds of the session-length buckets, seconds */
export const LENGTH_BOUNDS = [0, 10, 30, 60, 180, 600, 1800, 3600, 10800];

interface Open {
  start: number;
  end: number;
}

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
  const propName = q.sessionProperty === undefined ? DEFAULT_SESSION_PROPERTY : q.sessionProperty;
  const col: PropColumn | null = propName === null ? null : tl.propColumn(propName);
  const passes = ctx.eventPredicate(null, q.where);
  const members = await queryUsers(ctx, q.segment);
  const lengths: number[] = [];
  const userDay: number[] = [];
  const dayUsers = new Int32Array(cal.days);
  const daySessions = new Int32Array(cal.days);
  const daySeconds = new Float64Array(cal.days);
  let fromProperty = 0;
  let users = 0;
  for (let u = 0; u < tl.nUsers; u++) {
    checkAbort(ctx, u);
    if (members && !members[u]) continue;
    const closed: Open[] = [];
    const byId = new Map<string, Open>();
    let current: Open | null = null;
    const end = tl.userOffsets[u + 1] as number;
    for (let p = tl.userOffsets[u] as number; p < end; p++) {
      const t = tl.times[p] as number;
      if (t < cal.startMs) continue;
      if (t >= cal.endMs) break;
      if (!passes(p, u)) continue;
      const tag = col ? (col.tag[p] as number) : TAG_MISSING;
      if (col && tag !== TAG_MISSING) {
        const key = tag === TAG_STRING ? `s${col.str[p]}` : `n${col.num[p]}`;
        const s = byId.get(key);
        if (s) s.end = t;
        else {
          byId.set(key, { start: t, end: t });
          fromProperty++;
        }
        continue;
      }
      if (current && t - current.end <= gap) current.end = t;
      else {
        if (current) closed.push(current);
        current = { start: t, end: t };
      }
    }
    if (current) closed.push(current);
    for (const s of byId.values()) closed.push(s);
    if (closed.length === 0) continue;
    users++;
    // seconds per day this user spent, by session start day
    const spent = new Map<number, number>();
    for (const s of closed) {
      const secs = (s.end - s.start) / 1000;
      lengths.push(secs);
      const d = cal.dayIndex(s.start);
      daySessions[d] = (daySessions[d] as number) + 1;
      daySeconds[d] = (daySeconds[d] as number) + secs;
      spent.set(d, (spent.get(d) ?? 0) + secs);
    }
    for (const [d, secs] of spent) {
      dayUsers[d] = (dayUsers[d] as number) + 1;
      userDay.push(secs);
    }
  }
  const counts = new Array<number>(LENGTH_BOUNDS.length).fill(0);
  let total = 0;
  for (const secs of lengths) {
    total += secs;
    let b = LENGTH_BOUNDS.length - 1;
    while (b > 0 && secs < (LENGTH_BOUNDS[b] as number)) b--;
    counts[b] = (counts[b] as number) + 1;
  }
  let userDayTotal = 0;
  for (const s of userDay) userDayTotal += s;
  return {
    sessions: lengths.length,
    users,
    sessionsPerUser: rate(lengths.length, users),
    medianSeconds: median(lengths),
    avgSeconds: rate(total, lengths.length),
    sessionsFromProperty: fromProperty,
    lengths: { boundsSeconds: LENGTH_BOUNDS.slice(), counts },
    days: cal.dates.map((date, d) => ({
      date,
      users: dayUsers[d] as number,
      sessions: daySessions[d] as number,
      avgSecondsPerUser: rate(daySeconds[d] as number, dayUsers[d] as number),
    })),
    timePerUserDay: { avgSeconds: rate(userDayTotal, userDay.length), medianSeconds: median(userDay) },
  };
}
