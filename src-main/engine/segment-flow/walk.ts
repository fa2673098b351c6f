import type { Compare, Range } from "../../../src-preload/contract/common.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import type { Timeline } from "../columns/types.ts";
import { checkAbort, type EngineContext, rangeMs } from "../context.ts";
import { compileMatcher, compileOnColumn, type EventPredicate, matcherPredicate } from "../filters.ts";
import { compare } from "../segment.ts";
import { isSendTimeAttribute } from "../send-time/columns.ts";
import { outOfBounds } from "../typed-index.ts";

// Segment flow in one pass over each user's timeline: the dates in order, a pointer to where the
// user's events before the end of the date stop, and per performed condition a window of events
// whose both ends only move forward as the dates advance, so every event is read a few times in all
// instead of once per date. Only for states built from conditions that read a user's own events and
// attributes (performed, firstSeen, lastSeen, stored attributes, and groups of them); any other
// state sends the whole flow down the date-by-date path, which evaluates segments on a cut timeline.

/** A condition compiled for the walk: `test` is asked at dates in increasing order for one user. */
interface Node {
  /** a new user, whose events are positions [a, b) */
  reset(a: number, b: number): void;
  /** member at date i, where the user's events before the end of the date are [a, pos) */
  test(u: number, pos: number, i: number): boolean;
}

/** Each date's clock: the context with that as-of day, and the instant the date ends. */
export interface WalkDate {
  ctx: EngineContext;
  end: number;
}

const NONE_BEFORE = Number.NEGATIVE_INFINITY;

/** Count of matching events in [from, to) capped at the date's end, both ends moving forward. */
function performed(
  times: Float64Array,
  codes: Uint16Array,
  /** the event code to compare inline, or -1 to call `match` */
  code: number,
  match: EventPredicate,
  from: Float64Array,
  to: Float64Array,
  cmp: Compare,
): Node {
  // with bounds that ever move back (none today), the window restarts at each date
  const forward = nonDecreasing(from) && nonDecreasing(to);
  let userStart = 0;
  let lo = 0;
  let hi = 0;
  let count = 0;
  const reset = (start: number) => {
    userStart = start;
    lo = start;
    hi = start;
    count = 0;
  };
  return {
    reset,
    test(u, pos, i) {
      if (!forward) reset(userStart);
      const f = from[i] ?? outOfBounds();
      const t = to[i] ?? outOfBounds();
      if (code !== -1) {
        for (; hi < pos && (times[hi] ?? outOfBounds()) < t; hi++) if (codes[hi] === code) count++;
        for (; lo < hi && (times[lo] ?? outOfBounds()) < f; lo++) if (codes[lo] === code) count--;
      } else {
        for (; hi < pos && (times[hi] ?? outOfBounds()) < t; hi++) if (match(hi, u)) count++;
        for (; lo < hi && (times[lo] ?? outOfBounds()) < f; lo++) if (match(lo, u)) count--;
      }
      return compare(cmp, count);
    },
  };
}

/** The first (or last) event before the date's end falls in the range. */
function seen(times: Float64Array, first: boolean, from: Float64Array, to: Float64Array): Node {
  let a = 0;
  return {
    reset(start) {
      a = start;
    },
    test(_u, pos, i) {
      if (pos === a) return false;
      const t = times[first ? a : pos - 1] ?? outOfBounds();
      return t >= (from[i] ?? outOfBounds()) && t < (to[i] ?? outOfBounds());
    },
  };
}

function group(all: boolean, children: readonly Node[]): Node {
  return {
    reset(a, b) {
      for (const c of children) c.reset(a, b);
    },
    test(u, pos, i) {
      for (const c of children) if (c.test(u, pos, i) !== all) return !all;
      return all;
    },
  };
}

function nonDecreasing(xs: Float64Array): boolean {
  for (let i = 1; i < xs.length; i++)
    if ((xs[i] ?? outOfBounds()) < (xs[i - 1] ?? outOfBounds())) return false;
  return true;
}

/** [from, to) of `range` at each date, `to` capped at the date's end (only events up to it count). */
function bounds(dates: readonly WalkDate[], range: Range | undefined): [Float64Array, Float64Array] {
  const from = new Float64Array(dates.length);
  const to = new Float64Array(dates.length);
  dates.forEach((d, i) => {
    const [f, t] = range ? rangeMs(d.ctx, range) : [NONE_BEFORE, d.end];
    from[i] = f;
    to[i] = Math.min(t, d.end);
  });
  return [from, to];
}

function compile(ctx: EngineContext, seg: Segment, dates: readonly WalkDate[]): Node | null {
  const { tl } = ctx;
  if ("all" in seg || "any" in seg) {
    const parts = "all" in seg ? seg.all : seg.any;
    const children: Node[] = [];
    for (const part of parts) {
      const node = compile(ctx, part, dates);
      if (node === null) return null;
      children.push(node);
    }
    return group("all" in seg, children);
  }
  if ("not" in seg) {
    const inner = compile(ctx, seg.not, dates);
    return inner === null ? null : { reset: inner.reset, test: (u, pos, i) => !inner.test(u, pos, i) };
  }
  if ("performed" in seg) {
    // a user filter on a computed attribute ($bestSendHour) has a value per date: the by-date path
    if (seg.performed.where?.some((f) => f.scope === "user" && isSendTimeAttribute(f.property))) return null;
    const cm = compileMatcher(ctx, seg.performed, undefined);
    const [from, to] = bounds(dates, seg.within);
    return performed(
      tl.times,
      tl.eventCodes,
      cm.test === null && cm.code !== -1 ? cm.code : -1,
      matcherPredicate(tl, cm),
      from,
      to,
      seg.count ?? { op: "gte", value: 1 },
    );
  }
  if ("firstSeen" in seg) return seen(tl.times, true, ...bounds(dates, seg.firstSeen));
  if ("lastSeen" in seg) return seen(tl.times, false, ...bounds(dates, seg.lastSeen));
  // computed attributes depend on the as-of day; stored ones do not
  if ("attribute" in seg && !isSendTimeAttribute(seg.attribute.property)) {
    const attributeTest = compileOnColumn(tl.userColumn(seg.attribute.property), seg.attribute);
    return { reset() {}, test: (u) => attributeTest(u) };
  }
  return null;
}

/** The states compiled for the walk, or null when one of them needs the date-by-date path. */
export function compileStates(
  ctx: EngineContext,
  states: readonly { segment: Segment }[],
  dates: readonly WalkDate[],
): Node[] | null {
  const nodes: Node[] = [];
  for (const s of states) {
    const n = compile(ctx, s.segment, dates);
    if (n === null) return null;
    nodes.push(n);
  }
  return nodes;
}

/**
 * Each user's state at each date (index into the states, then none, then not yet; -1 for users
 * outside `members` or the context's slice), trying the states in order.
 */
export function walkStates(
  ctx: EngineContext,
  nodes: readonly Node[],
  dates: readonly WalkDate[],
  members: Uint8Array | null,
): Int8Array[] {
  const tl: Timeline = ctx.tl;
  const { times, userOffsets } = tl;
  const stateCount = nodes.length;
  const dateCount = dates.length;
  const ends = Float64Array.from(dates, (d) => d.end);
  const stateByDate = Array.from({ length: dateCount }, () => new Int8Array(tl.nUsers).fill(-1));
  for (let user = ctx.u0; user < ctx.u1; user++) {
    checkAbort(ctx, user);
    if (members !== null && members[user] === 0) continue;
    const userStart = userOffsets[user] ?? outOfBounds();
    const userEnd = userOffsets[user + 1] ?? outOfBounds();
    for (const node of nodes) node.reset(userStart, userEnd);
    let pos = userStart;
    for (let i = 0; i < dateCount; i++) {
      const end = ends[i] ?? outOfBounds();
      // dates increase (the contract and flowDates say so); a pointer that only moves forward
      if (i > 0 && end < (ends[i - 1] ?? outOfBounds())) pos = userStart;
      while (pos < userEnd && (times[pos] ?? outOfBounds()) < end) pos++;
      const onDate = stateByDate[i] ?? outOfBounds();
      // a user whose first event is after the date is not yet there, whatever the states say
      if (pos === userStart && userStart < userEnd) {
        onDate[user] = stateCount + 1;
        continue;
      }
      // the user's state is the first whose test passes (stateCount: none)
      let state = 0;
      while (state < stateCount && !(nodes[state] ?? outOfBounds()).test(user, pos, i)) state++;
      onDate[user] = state;
    }
  }
  return stateByDate;
}
