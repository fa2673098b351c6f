import type { PathsQuery } from "../../../src-preload/contract/paths.ts";
import { durationMs } from "../../engine/calendar.ts";
import { strArray } from "../literal.ts";
import { type ChContext, rangeMs } from "./context.ts";
import { eventFilters, matcherSql } from "./filters.ts";
import { membersSql } from "./segment.ts";

// Each user's one path of a paths query (engine/paths/walk.ts) as arrays and lambdas over the
// user's events, computed on the user's shard: the events read are those in the range that pass
// `where` and are not hidden, in (time, import order); sessions are cut where two consecutive ones
// are MORE than sessionGap apart; the path starts at the first anchor (start or end event, or the
// first event read), stays in its session, collapses repeats when asked, and keeps `depth` events.

const DEFAULT_GAP_MS = 30 * 60_000;
export const DEFAULT_DEPTH = 5;

/**
 * One row per user who has a path: `user` and `p`, the path's event names, step 0 first (for a
 * backward path the end event first, then the events before it). Times are whole milliseconds, so
 * "gap > sessionGap" is "gap > floor(sessionGap)".
 */
export function perUserPathsSql(ctx: ChContext, query: PathsQuery, field: string): string {
  const depth = query.depth ?? DEFAULT_DEPTH;
  const gap = Math.floor(query.sessionGap ? durationMs(query.sessionGap) : DEFAULT_GAP_MS);
  const anchorMatcher = query.start ?? query.end;
  const anchor =
    anchorMatcher === undefined
      ? "1"
      : matcherSql(anchorMatcher, undefined, `${field}.${query.start ? "start" : "end"}`, ctx.timezone);
  const backward = query.end !== undefined;
  const collapse = query.collapseRepeats === true;
  const [from, to] = rangeMs(ctx, query.range);
  const hidden = (query.hide ?? []).length === 0 ? "1" : `NOT has(${strArray(query.hide ?? [])}, event)`;
  const where = eventFilters(query.where, `${field}.where`, ctx.timezone);
  // rp[j]: the event at j repeats its neighbour towards the anchor (the one before it going forward,
  // the one after it going backward), which is the last kept one, so dropping it collapses the run
  const rp = backward
    ? "arrayMap((x, y) -> x = y, nm, arrayPushBack(arrayPopFront(nm), ''))"
    : "arrayMap((x, y) -> x = y, nm, arrayPushFront(arrayPopBack(nm), ''))";
  const side = backward ? "j <= s" : "j >= s";
  const repeat = collapse ? ` AND NOT (j ${backward ? "<" : ">"} s AND r)` : "";
  const kept = `arrayFilter((e, j, d, r) -> ${side} AND d = ss${repeat}, nm, ix, sid, rp)`;
  const path = `arraySlice(${backward ? `arrayReverse(${kept})` : kept}, 1, ${depth})`;
  // the arrays reach the lambdas as arguments (a captured array is copied per element); s and ss
  // are scalars of the row
  return `SELECT user, p FROM (
      SELECT user,
        arraySort(groupArray((time, seq, event, toUInt8(${anchor})))) AS evs,
        arrayMap(e -> e.1, evs) AS ts, arrayMap(e -> e.3, evs) AS nm, arrayMap(e -> e.4, evs) AS mk,
        arrayEnumerate(evs) AS ix,
        arrayCumSum(arrayMap((t, b, i) -> toUInt32(i > 1 AND t - b > ${gap}), ts,
          arrayPushFront(arrayPopBack(ts), toInt64(0)), ix)) AS sid,
        arrayFirstIndex(m -> m = 1, mk) AS s,
        sid[s] AS ss,
        ${rp} AS rp,
        ${path} AS p
      FROM events
      WHERE time >= ${from} AND time < ${to} AND ${hidden} AND ${where} AND ${membersSql(ctx, query.segment)}
      GROUP BY user
    ) WHERE s > 0`;
}
