import type { SessionsQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { SessionsResult } from "../../../src-preload/contract/metric-results.ts";
import { durationMs } from "../calendar.ts";
import { type PropColumn, TAG_MISSING, TAG_STRING } from "../columns/types.ts";
import { ANY_EVENT, NEEDS_TEST } from "../filters.ts";
import { firstAtOrAfter } from "../time-search.ts";
import { outOfBounds } from "../typed-index.ts";
import { Calendar, resolveRange } from "./calendar.ts";
import { checkAbort, type MetricContext, queryUsers } from "./context.ts";
import { DEFAULT_GAP, DEFAULT_SESSION_PROPERTY } from "./session-defaults.ts";
import { SessionTally } from "./session-tally.ts";
import { type SessionsPart, sessionsResult } from "./sessions-result.ts";

/**
 * Sessions of the range's events: events carrying the session property are grouped by its value;
 * the others are cut by the gap rule (a new session after `gap` without events). A session's length
 * is its last event time minus its first; it belongs to the day it starts on.
 */
export async function sessions(query: SessionsQuery, ctx: MetricContext): Promise<SessionsResult> {
  return sessionsResult([await sessionsPart(query, ctx, 0, ctx.timeline.nUsers)]);
}

/** The sessions of users `from` to `to` (a query worker's slice), joined by sessionsResult. */
export async function sessionsPart(
  query: SessionsQuery,
  ctx: MetricContext,
  from: number,
  to: number,
): Promise<SessionsPart> {
  const tl = ctx.timeline;
  const range = resolveRange(query.range, ctx.asOf);
  const cal = new Calendar(range.from, range.to, ctx.timezone);
  const gap = durationMs(query.gap ?? DEFAULT_GAP);
  // the default session property is only read where events carry it; a named one must exist
  const propName =
    query.sessionProperty !== undefined
      ? query.sessionProperty
      : tl.hasProperty("event", DEFAULT_SESSION_PROPERTY)
        ? DEFAULT_SESSION_PROPERTY
        : null;
  const col: PropColumn | null = propName === null ? null : tl.propColumn(propName);
  // sessions are made of what the user did: message deliveries are not part of them
  const passes = ctx.activity(null, query.where);
  // the activity test as an inline code comparison when it is that simple (filters.ts bareCode)
  const code = ctx.activityCode(null, query.where);
  const members = await queryUsers(ctx, query.segment);
  const tally = new SessionTally(cal);
  let fromProperty = 0;
  const times = tl.times;
  const codes = tl.eventCodes;
  const offsets = tl.userOffsets;
  const lo = cal.startMs;
  const hi = cal.endMs;
  // with session ids, reused across users: the user's id-sessions as (start, end) pairs (at most
  // one per event), and their index by value; a column with no values at all (the usual case
  // without session ids) skips the id path
  const idCol = col?.tag.some((t) => t !== TAG_MISSING) ? col : null;
  if (!idCol && code === ANY_EVENT) {
    gapSessions(tally, times, offsets, from, to, lo, hi, gap, members, ctx);
    return tally.part(0);
  }
  let most = 0;
  if (idCol)
    for (let user = from; user < to; user++)
      most = Math.max(most, (offsets[user + 1] ?? outOfBounds()) - (offsets[user] ?? outOfBounds()));
  const starts = new Float64Array(most);
  const ends = new Float64Array(most);
  const byId = new Map<string, number>();
  for (let user = from; user < to; user++) {
    checkAbort(ctx, user);
    if (members && !members[user]) continue;
    let nIdSessions = 0;
    if (idCol) byId.clear();
    // the gap session being cut: each one ends at an event more than `gap` before the next
    let curStart = Number.NaN;
    let curEnd = Number.NaN;
    const end = offsets[user + 1] ?? outOfBounds();
    for (let pos = firstAtOrAfter(times, offsets[user] ?? outOfBounds(), end, lo); pos < end; pos++) {
      const time = times[pos] ?? outOfBounds();
      if (time >= hi) break;
      if (code >= 0 ? codes[pos] !== code : code === NEEDS_TEST && !passes(pos, user)) continue;
      if (idCol) {
        const tag = idCol.tag[pos] ?? outOfBounds();
        if (tag !== TAG_MISSING) {
          const key = tag === TAG_STRING ? `s${idCol.str[pos]}` : `n${idCol.num[pos]}`;
          const session = byId.get(key);
          if (session !== undefined) ends[session] = time;
          else {
            byId.set(key, nIdSessions);
            starts[nIdSessions] = time;
            ends[nIdSessions++] = time;
            fromProperty++;
          }
          continue;
        }
      }
      if (time - curEnd <= gap) curEnd = time;
      else {
        if (!Number.isNaN(curStart)) tally.add(curStart, curEnd);
        curStart = time;
        curEnd = time;
      }
    }
    if (!Number.isNaN(curStart)) tally.add(curStart, curEnd);
    // the id sessions after the gap sessions: the tally's sums are of whole milliseconds and its
    // medians rank, so the order sessions come in changes nothing
    for (let i = 0; i < nIdSessions; i++) tally.add(starts[i] ?? outOfBounds(), ends[i] ?? outOfBounds());
    tally.endUser();
  }
  return tally.part(fromProperty);
}

/**
 * The loop of sessionsPart when every event counts and no event carries a session id (the usual
 * case): each user's events in the range cut by the gap rule alone.
 */
function gapSessions(
  tally: SessionTally,
  times: Float64Array,
  offsets: Int32Array,
  from: number,
  to: number,
  lo: number,
  hi: number,
  gap: number,
  members: Uint8Array | null,
  ctx: MetricContext,
): void {
  for (let user = from; user < to; user++) {
    checkAbort(ctx, user);
    if (members && !members[user]) continue;
    const end = offsets[user + 1] ?? outOfBounds();
    let pos = firstAtOrAfter(times, offsets[user] ?? outOfBounds(), end, lo);
    if (pos === end) continue;
    let start = times[pos] ?? outOfBounds();
    if (start >= hi) continue;
    let last = start;
    for (pos++; pos < end; pos++) {
      const time = times[pos] ?? outOfBounds();
      if (time >= hi) break;
      if (time - last > gap) {
        tally.addInOrder(start, last);
        start = time;
      }
      last = time;
    }
    tally.addInOrder(start, last);
    tally.endUserInOrder();
  }
}
