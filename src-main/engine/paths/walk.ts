import type { PathsQuery } from "../../../src-preload/contract/paths.ts";
import { durationMs } from "../calendar.ts";
import { checkAbort, type EngineContext, rangeMs } from "../context.ts";
import {
  ANY_EVENT,
  bareCode,
  compileFilters,
  compileMatcher,
  type EventPredicate,
  matcherPredicate,
  NEEDS_TEST,
} from "../filters.ts";
import { outOfBounds } from "../typed-index.ts";

// Each user's one path of paths (spec/queries.md, "Paths"): event codes, step 0 first. The events
// read are those in the range that pass `where` and are not hidden; sessions are cut on them where
// two consecutive events are MORE than sessionGap apart (exactly sessionGap does not cut).

export interface UserPaths {
  depth: number;
  /** codes of user u's path at [u * depth, u * depth + len[u]) */
  codes: Uint16Array;
  len: Uint8Array;
  direction: "forward" | "backward";
}

const DEFAULT_GAP_MS = 30 * 60_000;

export function walkPaths(ctx: EngineContext, query: PathsQuery, members: Uint8Array | null): UserPaths {
  const { tl } = ctx;
  const depth = query.depth ?? 5;
  const gap = query.sessionGap ? durationMs(query.sessionGap) : DEFAULT_GAP_MS;
  const collapse = query.collapseRepeats === true;
  const [from, to] = rangeMs(ctx, query.range);
  const hidden = new Uint8Array(tl.eventNames.length);
  for (const name of query.hide ?? []) {
    const code = tl.eventCode(name);
    if (code > 0) hidden[code] = 1;
  }
  const where = compileFilters(ctx, query.where ?? []);
  const anchorMatcher = query.start ?? query.end;
  const cm = anchorMatcher ? compileMatcher(ctx, anchorMatcher, undefined) : null;
  // a bare event name is compared inline (the common case); anything else calls its predicate
  const anchorCode = cm === null ? ANY_EVENT : bareCode(cm);
  const isAnchor = cm === null ? null : matcherPredicate(tl, cm);
  const backward = query.end !== undefined;
  const codes = new Uint16Array(tl.nUsers * depth);
  const len = new Uint8Array(tl.nUsers);
  const { times, userOffsets, eventCodes } = tl;
  // the current session's codes before an end event (backward paths read them in reverse)
  let buf = new Uint16Array(64);
  for (let user = ctx.u0; user < ctx.u1; user++) {
    checkAbort(ctx, user);
    if (members !== null && members[user] === 0) continue;
    const userEnd = userOffsets[user + 1] ?? outOfBounds();
    let pos = firstAtOrAfter(times, userOffsets[user] ?? outOfBounds(), userEnd, from);
    const pathStart = user * depth;
    let pathLength = 0;
    let started = false;
    let prevT = Number.NaN;
    let nbuf = 0;
    for (; pos < userEnd; pos++) {
      const time = times[pos] ?? outOfBounds();
      if (time >= to) break;
      const code = eventCodes[pos] ?? outOfBounds();
      if (hidden[code] === 1) continue;
      if (where !== null && !where(pos, user)) continue;
      const cut = time - prevT > gap;
      prevT = time;
      if (!started) {
        if (
          anchorCode === ANY_EVENT ||
          code === anchorCode ||
          (anchorCode === NEEDS_TEST && (isAnchor as EventPredicate)(pos, user))
        ) {
          started = true;
          codes[pathStart] = code;
          pathLength = 1;
          if (backward) {
            if (cut) nbuf = 0;
            let last = code;
            for (let i = nbuf - 1; i >= 0 && pathLength < depth; i--) {
              const buffered = buf[i] ?? outOfBounds();
              if (collapse && buffered === last) continue;
              codes[pathStart + pathLength++] = buffered;
              last = buffered;
            }
            break;
          }
          if (pathLength === depth) break;
        } else if (backward) {
          if (cut) nbuf = 0;
          if (nbuf === buf.length) {
            const bigger = new Uint16Array(buf.length * 2);
            bigger.set(buf);
            buf = bigger;
          }
          buf[nbuf++] = code;
        }
        continue;
      }
      if (cut) break;
      if (collapse && code === codes[pathStart + pathLength - 1]) continue;
      codes[pathStart + pathLength++] = code;
      if (pathLength === depth) break;
    }
    len[user] = pathLength;
  }
  return { depth, codes, len, direction: backward ? "backward" : "forward" };
}

/** First position in [a, b) whose time is >= t (times ascend within a user). */
function firstAtOrAfter(times: Float64Array, a: number, b: number, t: number): number {
  let lo = a;
  let hi = b;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] ?? outOfBounds()) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
