import type { SessionsQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { SessionsResult } from "../../../src-preload/contract/metric-results.ts";
import { durationMs } from "../calendar.ts";
import { type PropColumn, TAG_MISSING, TAG_STRING } from "../columns/types.ts";
import { Calendar, resolveRange } from "./calendar.ts";
import { checkAbort, type MetricContext, queryUsers } from "./context.ts";
import { SessionTally } from "./session-tally.ts";

export const DEFAULT_SESSION_PROPERTY = "session_id";
export const DEFAULT_GAP = { value: 30, unit: "minute" } as const;
export { LENGTH_BOUNDS } from "./session-tally.ts";

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
  const tally = new SessionTally(cal);
  let fromProperty = 0;
  // reused across users: the user's sessions as (start, end) pairs, and id-sessions by value
  const starts: number[] = [];
  const ends: number[] = [];
  const byId = new Map<string, number>();
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
    const end = tl.userOffsets[u + 1] as number;
    for (let p = tl.userOffsets[u] as number; p < end; p++) {
      const t = tl.times[p] as number;
      if (t < cal.startMs) continue;
      if (t >= cal.endMs) break;
      if (!passes(p, u)) continue;
      if (idCol) {
        const tag = idCol.tag[p] as number;
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
    tally.addUser(starts, ends);
  }
  return tally.result(fromProperty);
}
