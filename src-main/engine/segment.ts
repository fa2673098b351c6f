import type { Compare } from "../../src-preload/contract/common.ts";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";
import { statement } from "../db/sql.ts";
import { checkDeadline } from "./budget.ts";
import { TAG_MISSING, TAG_NUMBER, TAG_STRING } from "./columns/types.ts";
import { checkAbort, type EngineContext, rangeMs, withQuery } from "./context.ts";
import { compileMatcher, compileOnColumn, matcherPredicate } from "./filters.ts";
import { userColumnIn } from "./send-time/columns.ts";
import { firstAtOrAfter } from "./time-search.ts";
import { outOfBounds } from "./typed-index.ts";

// Segments per spec/queries.md: each node becomes one byte per user index (1 = member). Users with
// no events are members of the workspace too, so `not` and empty `all` include them. A condition
// built on another report (sequence, funnel, retention, rfm, paths, flow, propensity) loads that
// report's module when first met: a one-shot query or a worker's start does not pay for them.

export function compare(c: Compare, x: number): boolean {
  switch (c.op) {
    case "gte":
      return x >= c.value;
    case "gt":
      return x > c.value;
    case "eq":
      return x === c.value;
    case "lte":
      return x <= c.value;
    case "lt":
      return x < c.value;
    case "between":
      return x >= c.value[0] && x <= c.value[1];
  }
}

/**
 * The whole counts `compare(c, count)` holds for, as [least, most]: two comparisons inline in a loop
 * over a million users instead of a call and a switch on the operator for each.
 */
export function countBounds(c: Compare): [number, number] {
  switch (c.op) {
    case "gte":
      return [c.value, Number.POSITIVE_INFINITY];
    case "gt":
      return [Math.floor(c.value) + 1, Number.POSITIVE_INFINITY];
    case "eq":
      return [c.value, c.value];
    case "lte":
      return [Number.NEGATIVE_INFINITY, c.value];
    case "lt":
      return [Number.NEGATIVE_INFINITY, Math.ceil(c.value) - 1];
    case "between":
      return [c.value[0], c.value[1]];
  }
}

const ALL_TIME: [number, number] = [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];

/**
 * Members of `seg` among the context's users. With `need`, only users with need[u] = 1 are decided
 * (the others' bytes are unspecified): `all` asks each next child only about users still in, `any`
 * only about users not yet in, so a failing first condition spares the scans of the others.
 */
export async function evalSegment(
  ctx: EngineContext,
  seg: Segment,
  need: Uint8Array | null = null,
): Promise<Uint8Array> {
  const { tl } = ctx;
  const nUsers = tl.nUsers;
  ctx.signal?.throwIfAborted();
  checkDeadline(ctx.deadline);
  if ("all" in seg) {
    const out = need ? need.slice() : new Uint8Array(nUsers).fill(1);
    for (const child of seg.all) {
      const childMembers = await evalSegment(ctx, child, out);
      for (let user = 0; user < nUsers; user++)
        out[user] = (out[user] ?? outOfBounds()) & (childMembers[user] ?? outOfBounds());
    }
    return out;
  }
  if ("any" in seg) {
    const out = new Uint8Array(nUsers);
    const open = need ? need.slice() : new Uint8Array(nUsers).fill(1);
    for (const child of seg.any) {
      const childMembers = await evalSegment(ctx, child, open);
      for (let user = 0; user < nUsers; user++) {
        const hit = (open[user] ?? outOfBounds()) & (childMembers[user] ?? outOfBounds());
        out[user] = (out[user] ?? outOfBounds()) | hit;
        open[user] = (open[user] ?? outOfBounds()) & (1 - hit);
      }
    }
    return out;
  }
  if ("not" in seg) {
    const childMembers = await evalSegment(ctx, seg.not, need);
    for (let user = 0; user < nUsers; user++) childMembers[user] = 1 - (childMembers[user] ?? outOfBounds());
    return childMembers;
  }
  const out = new Uint8Array(nUsers);
  const { times, userOffsets } = tl;
  if ("performed" in seg) {
    const cm = compileMatcher(ctx, seg.performed, undefined);
    const isIt = matcherPredicate(tl, cm);
    const [from, to] = seg.within ? rangeMs(ctx, seg.within) : ALL_TIME;
    const [least, most] = countBounds(seg.count ?? { op: "gte", value: 1 });
    const codes = tl.eventCodes;
    // the common case, a bare event name: compare codes inline instead of calling a predicate
    const bare = cm.test === null && cm.code !== -1 ? cm.code : -1;
    for (let user = ctx.u0; user < ctx.u1; user++) {
      checkAbort(ctx, user);
      if (need !== null && need[user] === 0) continue;
      const userEnd = userOffsets[user + 1] ?? outOfBounds();
      let count = 0;
      const userStart = userOffsets[user] ?? outOfBounds();
      // without `within`, no time is read at all
      let pos =
        from === Number.NEGATIVE_INFINITY ? userStart : firstAtOrAfter(times, userStart, userEnd, from);
      const end = to === Number.POSITIVE_INFINITY ? userEnd : firstAtOrAfter(times, pos, userEnd, to);
      if (bare !== -1) {
        for (; pos < end; pos++) if (codes[pos] === bare) count++;
      } else {
        for (; pos < end; pos++) if (isIt(pos, user)) count++;
      }
      out[user] = count >= least && count <= most ? 1 : 0;
    }
    return out;
  }
  if ("attribute" in seg) {
    const matches = compileOnColumn(userColumnIn(ctx, seg.attribute.property), seg.attribute);
    for (let user = ctx.u0; user < ctx.u1; user++) out[user] = matches(user) ? 1 : 0;
    return out;
  }
  if ("firstSeen" in seg || "lastSeen" in seg) {
    const first = "firstSeen" in seg;
    const [from, to] = rangeMs(ctx, first ? seg.firstSeen : seg.lastSeen);
    for (let user = ctx.u0; user < ctx.u1; user++) {
      const userStart = userOffsets[user] ?? outOfBounds();
      const userEnd = userOffsets[user + 1] ?? outOfBounds();
      if (userStart === userEnd) continue;
      const time = times[first ? userStart : userEnd - 1] ?? outOfBounds();
      out[user] = time >= from && time < to ? 1 : 0;
    }
    return out;
  }
  if ("sequence" in seg) {
    const { funnelReach } = await import("./funnel/result.ts");
    const range = seg.within ?? { last: 1, unit: "day" as const };
    const reach = funnelReach(
      ctx,
      { kind: "funnel", steps: seg.sequence, window: seg.window, order: "ordered", range },
      null,
      seg.within ? undefined : ALL_TIME,
    );
    const nSteps = seg.sequence.length;
    for (let user = 0; user < nUsers; user++) out[user] = reach[user] === nSteps ? 1 : 0;
    return out;
  }
  if ("aggregate" in seg) return aggregate(ctx, seg, out, need);
  if ("inSegment" in seg) return inSegment(ctx, seg.inSegment);
  if ("rfm" in seg) return (await import("./segment-rfm.ts")).runRfmCondition(ctx, seg);
  if ("paths" in seg) return (await import("./paths/condition.ts")).pathsMembers(ctx, seg);
  if ("segmentFlow" in seg) return (await import("./segment-flow/condition.ts")).flowMembers(ctx, seg);
  if ("propensity" in seg) return (await import("./propensity/condition.ts")).propensityMembers(ctx, seg);
  if ("funnel" in seg) {
    const { funnelStepMembers } = await import("./funnel/result.ts");
    const fctx = withQuery(ctx, seg.funnel);
    const members = seg.funnel.segment ? await evalSegment(fctx, seg.funnel.segment) : null;
    return "reached" in seg
      ? funnelStepMembers(fctx, seg.funnel, members, seg.reached, false)
      : funnelStepMembers(fctx, seg.funnel, members, seg.droppedAfter, true);
  }
  // retention cohort: the cohort is the period containing the given date
  const rq = seg.retention;
  const rctx = withQuery(ctx, rq);
  const members = rq.segment ? await evalSegment(rctx, rq.segment) : null;
  const [{ RetentionScanner }, { cohortIndex }] = await Promise.all([
    import("./retention.ts"),
    import("./retention-periods.ts"),
  ]);
  const sc = new RetentionScanner(rctx, rq);
  const cohort = cohortIndex(sc.starts, seg.cohort, rq.interval, rctx.weekStart);
  if (cohort < 0) return out;
  const returnedIn = seg.returnedIn ?? 0;
  for (let user = ctx.u0; user < ctx.u1; user++) {
    checkAbort(ctx, user);
    if (members !== null && members[user] === 0) continue;
    if (sc.scan(user) && sc.inCohort(cohort) && sc.returned(cohort, returnedIn)) out[user] = 1;
  }
  return out;
}

function aggregate(
  ctx: EngineContext,
  seg: Extract<Segment, { aggregate: unknown }>,
  out: Uint8Array,
  need: Uint8Array | null,
): Uint8Array {
  const { tl } = ctx;
  const isIt = matcherPredicate(tl, compileMatcher(ctx, seg.aggregate, undefined));
  const [from, to] = seg.within ? rangeMs(ctx, seg.within) : ALL_TIME;
  const col = tl.propColumn(seg.property);
  const { times, userOffsets } = tl;
  const distinct = new Set<string>();
  for (let user = ctx.u0; user < ctx.u1; user++) {
    checkAbort(ctx, user);
    if (need !== null && need[user] === 0) continue;
    const userEnd = userOffsets[user + 1] ?? outOfBounds();
    let sum = 0;
    let count = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    distinct.clear();
    for (let pos = userOffsets[user] ?? outOfBounds(); pos < userEnd; pos++) {
      const time = times[pos] ?? outOfBounds();
      if (time < from) continue;
      if (time >= to) break;
      if (!isIt(pos, user)) continue;
      const tag = col.tag[pos];
      if (seg.fn === "countDistinct") {
        if (tag !== TAG_MISSING)
          distinct.add(tag === TAG_STRING ? `s${col.str[pos]}` : `${tag}:${col.num[pos]}`);
        continue;
      }
      if (tag !== TAG_NUMBER) continue;
      const value = col.num[pos] ?? outOfBounds();
      sum += value;
      count++;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    let aggregated: number | null;
    if (seg.fn === "sum") aggregated = sum;
    else if (seg.fn === "countDistinct") aggregated = distinct.size;
    else if (count === 0) aggregated = null;
    else aggregated = seg.fn === "avg" ? sum / count : seg.fn === "min" ? min : max;
    out[user] = aggregated !== null && compare(seg.compare, aggregated) ? 1 : 0;
  }
  return out;
}

/** Saved segments built on saved segments, at most this deep (each level is a nested evaluation). */
const MAX_SAVED_NESTING = 32;

/**
 * Each saved segment's members, evaluated once per context (one query, one slice, one calendar: a
 * nested query's context is another object): a chain of saved segments each naming the next three
 * times was evaluated 3^depth times, 12 levels in 50 s, deeper ones always out of budget.
 */
const savedMembers = new WeakMap<EngineContext, Map<string, Uint8Array>>();

async function inSegment(ctx: EngineContext, id: string): Promise<Uint8Array> {
  let known = savedMembers.get(ctx);
  if (known === undefined) {
    known = new Map();
    savedMembers.set(ctx, known);
  }
  const done = known.get(id);
  // a copy: callers write into what they are given (`not` flips it in place)
  if (done !== undefined) return done.slice();
  const members = await evalSaved(ctx, id);
  known.set(id, members.slice());
  return members;
}

async function evalSaved(ctx: EngineContext, id: string): Promise<Uint8Array> {
  if (ctx.segmentStack.length >= MAX_SAVED_NESTING)
    throw new StrataError(
      "invalid_request",
      `segment.inSegment: saved segments are built on each other more than ${MAX_SAVED_NESTING} deep`,
    );
  if (ctx.segmentStack.includes(id)) {
    throw new StrataError(
      "invalid_request",
      `segment.inSegment: saved segments refer to each other in a cycle (${[...ctx.segmentStack, id].join(" -> ")})`,
    );
  }
  const row = statement(ctx.db)`SELECT type, definition FROM saved_items WHERE id = ?`.get(id) as
    | { type: string; definition: string }
    | undefined;
  if (row?.type !== "segment")
    throw new StrataError("invalid_request", `segment.inSegment: no saved segment with id "${id}"`);
  // the contract's schemas (zod) load only here: a query worker that never meets a saved segment
  // starts without them (~90 modules)
  const [{ Segment: schema }, { formatIssues }] = await Promise.all([
    import("../../src-preload/contract/segment.ts"),
    import("../validate.ts"),
  ]);
  const parsed = schema.safeParse(JSON.parse(row.definition));
  if (!parsed.success)
    throw new StrataError(
      "invalid_request",
      `saved segment ${id}: ${formatIssues(parsed.error.issues, "definition")}`,
    );
  ctx.segmentStack.push(id);
  try {
    return await evalSegment(ctx, parsed.data);
  } finally {
    ctx.segmentStack.pop();
  }
}
