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

export function walkPaths(ctx: EngineContext, q: PathsQuery, members: Uint8Array | null): UserPaths {
  const { tl } = ctx;
  const depth = q.depth ?? 5;
  const gap = q.sessionGap ? durationMs(q.sessionGap) : DEFAULT_GAP_MS;
  const collapse = q.collapseRepeats === true;
  const [from, to] = rangeMs(ctx, q.range);
  const hidden = new Uint8Array(tl.eventNames.length);
  for (const name of q.hide ?? []) {
    const c = tl.eventCode(name);
    if (c > 0) hidden[c] = 1;
  }
  const where = compileFilters(ctx, q.where ?? []);
  const anchorMatcher = q.start ?? q.end;
  const cm = anchorMatcher ? compileMatcher(ctx, anchorMatcher, undefined) : null;
  // a bare event name is compared inline (the common case); anything else calls its predicate
  const anchorCode = cm === null ? ANY_EVENT : bareCode(cm);
  const isAnchor = cm === null ? null : matcherPredicate(tl, cm);
  const backward = q.end !== undefined;
  const codes = new Uint16Array(tl.nUsers * depth);
  const len = new Uint8Array(tl.nUsers);
  const { times, userOffsets, eventCodes } = tl;
  // the current session's codes before an end event (backward paths read them in reverse)
  let buf = new Uint16Array(64);
  for (let u = ctx.u0; u < ctx.u1; u++) {
    checkAbort(ctx, u);
    if (members !== null && members[u] === 0) continue;
    const b = userOffsets[u + 1] ?? outOfBounds();
    let p = firstAtOrAfter(times, userOffsets[u] ?? outOfBounds(), b, from);
    const o = u * depth;
    let n = 0;
    let started = false;
    let prevT = Number.NaN;
    let nbuf = 0;
    for (; p < b; p++) {
      const t = times[p] ?? outOfBounds();
      if (t >= to) break;
      const c = eventCodes[p] ?? outOfBounds();
      if (hidden[c] === 1) continue;
      if (where !== null && !where(p, u)) continue;
      const cut = t - prevT > gap;
      prevT = t;
      if (!started) {
        if (
          anchorCode === ANY_EVENT ||
          c === anchorCode ||
          (anchorCode === NEEDS_TEST && (isAnchor as EventPredicate)(p, u))
        ) {
          started = true;
          codes[o] = c;
          n = 1;
          if (backward) {
            if (cut) nbuf = 0;
            let last = c;
            for (let i = nbuf - 1; i >= 0 && n < depth; i--) {
              const x = buf[i] ?? outOfBounds();
              if (collapse && x === last) continue;
              codes[o + n++] = x;
              last = x;
            }
            break;
          }
          if (n === depth) break;
        } else if (backward) {
          if (cut) nbuf = 0;
          if (nbuf === buf.length) {
            const bigger = new Uint16Array(buf.length * 2);
            bigger.set(buf);
            buf = bigger;
          }
          buf[nbuf++] = c;
        }
        continue;
      }
      if (cut) break;
      if (collapse && c === codes[o + n - 1]) continue;
      codes[o + n++] = c;
      if (n === depth) break;
    }
    len[u] = n;
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
