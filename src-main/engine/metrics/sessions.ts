import type { SessionsQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { SessionsResult } from "../../../src-preload/contract/metric-results.ts";
import { durationMs } from "../calendar.ts";
import { type PropColumn, TAG_MISSING, TAG_STRING } from "../columns/types.ts";
import { outOfBounds } from "../typed-index.ts";
import { Calendar, resolveRange } from "./calendar.ts";
import { checkAbort, type MetricContext, queryUsers, rate } from "./context.ts";
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
  const members = await queryUsers(ctx, q.segment);
  const lengths: number[] = [];
  const userDay: number[] = [];
  const dayUsers = new Int32Array(cal.days);
  const daySessions = new Int32Array(cal.days);
  const daySeconds = new Float64Array(cal.days);
  let fromProperty = 0;
  let users = 0;
  // reused across users: the user's sessions as (start, end) pairs, and id-sessions by value
  const starts: number[] = [];
  const ends: number[] = [];
  const byId = new Map<string, number>();
  const spent = new Map<number, number>();
  // a column with no values at all (the usual case without session ids) skips the id path
  const idCol = col?.tag.some((t) => t !== TAG_MISSING) ? col : null;
  for (let u = 0; u < tl.nUsers; u++) {
    checkAbort(ctx, u);
    if (members && !members[u]) continue;
    starts.length = 0;
    ends.length = 0;
    byId.clear();
    let curStart = Number.NaN;
    let curEnd = Number.NaN;
    const end = tl.userOffsets[u + 1] ?? outOfBounds();
    for (let p = tl.userOffsets[u] ?? outOfBounds(); p < end; p++) {
      const t = tl.times[p] ?? outOfBounds();
      if (t < cal.startMs) continue;
      if (t >= cal.endMs) break;
      if (!passes(p, u)) continue;
      if (idCol) {
        const tag = idCol.tag[p] ?? outOfBounds();
        if (tag !== TAG_MISSING) {
          const key = tag === TAG_STRING ? `s${idCol.str[p]}` : `n${idCol.num[p]}`;
          const k = byId.get(key);
          if (k !== undefined) ends[k] = t;
          else {
            byId.set(key, starts.length);
            starts.push(t);
            ends.push(t);
            fromProperty++;
          }
          continue;
        }
      }
      if (t - curEnd <= gap) curEnd = t;
      else {
        if (!Number.isNaN(curStart)) {
          starts.push(curStart);
          ends.push(curEnd);
        }
        curStart = t;
        curEnd = t;
      }
    }
    if (!Number.isNaN(curStart)) {
      starts.push(curStart);
      ends.push(curEnd);
    }
    if (starts.length === 0) continue;
    users++;
    // seconds per day this user spent, by session start day
    spent.clear();
    let hint = -1;
    for (let i = 0; i < starts.length; i++) {
      const secs = ((ends[i] ?? outOfBounds()) - (starts[i] ?? outOfBounds())) / 1000;
      lengths.push(secs);
      hint = cal.dayNear(starts[i] ?? outOfBounds(), hint);
      const d = hint;
      daySessions[d] = (daySessions[d] ?? outOfBounds()) + 1;
      daySeconds[d] = (daySeconds[d] ?? outOfBounds()) + secs;
      spent.set(d, (spent.get(d) ?? 0) + secs);
    }
    for (const [d, secs] of spent) {
      dayUsers[d] = (dayUsers[d] ?? outOfBounds()) + 1;
      userDay.push(secs);
    }
  }
  const counts = new Array<number>(LENGTH_BOUNDS.length).fill(0);
  let total = 0;
  for (const secs of lengths) {
    total += secs;
    let b = LENGTH_BOUNDS.length - 1;
    while (b > 0 && secs < (LENGTH_BOUNDS[b] ?? outOfBounds())) b--;
    counts[b] = (counts[b] ?? outOfBounds()) + 1;
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
      users: dayUsers[d] ?? outOfBounds(),
      sessions: daySessions[d] ?? outOfBounds(),
      avgSecondsPerUser: rate(daySeconds[d] ?? outOfBounds(), dayUsers[d] ?? outOfBounds()),
    })),
    timePerUserDay: { avgSeconds: rate(userDayTotal, userDay.length), medianSeconds: median(userDay) },
  };
}
