import type { FunnelQuery } from "../../../src-preload/contract/queries.ts";
import type {
  FunnelBreakdownRow,
  FunnelResult,
  FunnelStepResult,
} from "../../../src-preload/contract/results.ts";
import { bucketIndex, bucketsCovering } from "../calendar.ts";
import { columnValue, type PropColumn, type PropValue } from "../columns/types.ts";
import { checkAbort, type EngineContext, rangeSpan } from "../context.ts";
import { ChunkedF64 } from "../metrics/chunked-f64.ts";
import { userColumnIn } from "../send-time/columns.ts";
import { outOfBounds } from "../typed-index.ts";
import { timeToConvert } from "./histogram.ts";
import { type JoinedGroup, joinGroups } from "./joined-group.ts";
import { medianOfParts } from "./median.ts";
import { optionalTime } from "./optional.ts";
import { planFunnel } from "./plan.ts";
import { FunnelScanner } from "./scanner.ts";

export const DEFAULT_BREAKDOWN_LIMIT = 10;

/**
 * Each step's first chunk of seconds: the whole funnel's holds 64K (most slices have that many
 * converters), a breakdown value's 16 (a property can have many values of few users each).
 */
const WHOLE_FIRST_CHUNK = 1 << 16;
const BREAKDOWN_FIRST_CHUNK = 16;

/** Per user: steps filled by the counted attempt (0 = never entered); required steps only. */
export function funnelReach(
  ctx: EngineContext,
  q: FunnelQuery,
  members: Uint8Array | null,
  bounds?: [number, number],
): Uint8Array {
  const sc = new FunnelScanner(ctx.tl, planFunnel(ctx, q, bounds));
  const out = new Uint8Array(ctx.tl.nUsers);
  for (let u = ctx.u0; u < ctx.u1; u++) {
    checkAbort(ctx, u);
    if (members !== null && members[u] === 0) continue;
    out[u] = sc.run(u);
  }
  return out;
}

/**
 * Per user: 1 when counted in the query's step k; with `dropped`, counted there and not in the next
 * required step (the segment conditions `reached` and `droppedAfter`).
 */
export function funnelStepMembers(
  ctx: EngineContext,
  q: FunnelQuery,
  members: Uint8Array | null,
  k: number,
  dropped: boolean,
): Uint8Array {
  const plan = planFunnel(ctx, q);
  const sc = new FunnelScanner(ctx.tl, plan);
  const out = new Uint8Array(ctx.tl.nUsers);
  const at = plan.required.indexOf(k);
  const opt = plan.optional.find((o) => o.k === k);
  // the required step after k: k + 1 in its plan numbering when k is required, else the optional's next
  const next = at >= 0 ? at + 1 : (opt?.next ?? plan.n);
  if (at < 0 && !opt) return out; // no such step: nobody
  for (let u = ctx.u0; u < ctx.u1; u++) {
    checkAbort(ctx, u);
    if (members !== null && members[u] === 0) continue;
    const r = sc.run(u);
    if (r === 0) continue;
    const inStep = at >= 0 ? r > at : opt !== undefined && !Number.isNaN(optionalTime(sc, u, opt));
    if (inStep && !(dropped && r > next)) out[u] = 1;
  }
  return out;
}

/** For each of the query's steps, the index of the required step before it (conversion from previous). */
export function previousRequired(q: FunnelQuery): number[] {
  const skip = new Set(q.optionalSteps ?? []);
  let prev = 0;
  return q.steps.map((_, k) => {
    const p = prev;
    if (!skip.has(k)) prev = k;
    return k === 0 ? 0 : p;
  });
}

/**
 * One breakdown value's (or the whole funnel's) users per step, and per step the seconds from the
 * previous step of each of them: diffs[k] holds counts[k] values in chunks, in the order the users
 * came (typed, so slices cross threads as bytes; step 0's is empty).
 */
export interface Group {
  value: PropValue;
  counts: number[];
  diffs: Float64Array[][];
}

/** What one slice of users contributes; slices join in order (finishFunnel, joined-group.ts). */
export interface FunnelPartial {
  total: Group;
  groups: [string, Group][];
  /** the slice's time-to-convert histogram (summed across slices) */
  hist: NonNullable<FunnelResult["timeToConvert"]>;
  /** with conversionOverTime: per bucket of entry, users entering and reaching the last step */
  overTime?: { starts: string[]; entered: number[]; converted: number[] };
}

/**
 * A group while the scan fills it: seconds[k - 1] holds step k's, made on the step's first user
 * (a breakdown by a property of many values has many values no one converts in). Chunks, not one
 * array per step sized for every user of the slice: at 10M events those were three 7.8 MB arrays a
 * query, zeroed again on each query a process ran (the memory the allocator hands back is cleared),
 * where the steps' seconds fill 6.8 MB; on the development VM each fresh 4 KB page costs ~10 us.
 */
interface Filling {
  value: PropValue;
  counts: number[];
  seconds: (ChunkedF64 | null)[];
  /** each step's first chunk length */
  first: number;
}

function newFilling(value: PropValue, n: number, first: number): Filling {
  return { value, counts: new Array(n).fill(0), seconds: new Array(Math.max(0, n - 1)).fill(null), first };
}

/** Counts one more user at step k, with `d` seconds from the previous step (k > 0). */
function add(g: Filling, k: number, d: number): void {
  g.counts[k] = (g.counts[k] ?? outOfBounds()) + 1;
  if (k === 0) return;
  let list = g.seconds[k - 1] ?? null;
  if (list === null) {
    list = new ChunkedF64(g.first);
    g.seconds[k - 1] = list;
  }
  list.push(d);
}

/**
 * The group as the slice leaves it: each step's filled chunks, views, not copies (at 100M events
 * copies were 68 MB of fresh memory a funnel); a query worker transfers their buffers (worker.ts).
 */
function filled(g: Filling): Group {
  return {
    value: g.value,
    counts: g.counts,
    diffs: [[], ...g.seconds.map((c) => c?.chunks().filter((part) => part.length > 0) ?? [])],
  };
}

/**
 * The step rows of a group. `prevOf[k]`: the step conversion from previous is measured against
 * (previousRequired).
 */
function stepsOf(g: JoinedGroup, prevOf: readonly number[]): FunnelStepResult[] {
  const first = g.counts[0] ?? outOfBounds();
  return g.counts.map((count, k) => {
    const prev = k === 0 ? count : (g.counts[prevOf[k] ?? outOfBounds()] ?? outOfBounds());
    const parts = k === 0 ? [] : (g.parts[k] ?? outOfBounds());
    let sum = 0;
    for (const d of parts) for (let i = 0; i < d.length; i++) sum += d[i] ?? outOfBounds();
    return {
      count,
      conversionFromStart: first === 0 ? 0 : count / first,
      conversionFromPrevious: prev === 0 ? 0 : count / prev,
      medianSecondsFromPrevious: k === 0 ? null : medianOfParts(parts),
      avgSecondsFromPrevious: k === 0 || count === 0 ? null : sum / count,
    };
  });
}

/** Scans the context's slice of users. */
export function funnelPartial(
  ctx: EngineContext,
  query: FunnelQuery,
  members: Uint8Array | null,
): FunnelPartial {
  const plan = planFunnel(ctx, query);
  // groups count the query's steps; the scanner fills the required ones (plan.required[k] is step k's)
  const nSteps = query.steps.length;
  const req = plan.required;
  const sc = new FunnelScanner(ctx.tl, plan);
  const bd = query.breakdown;
  const col: PropColumn | null = bd
    ? bd.scope === "user"
      ? userColumnIn(ctx, bd.property)
      : ctx.tl.propColumn(bd.property)
    : null;
  const total = newFilling(null, nSteps, WHOLE_FIRST_CHUNK);
  const groups = new Map<string, Filling>();
  // entry = the first-step time of the user's counted attempt
  const ot = query.conversionOverTime
    ? bucketsCovering(rangeSpan(ctx, query.range), query.conversionOverTime, ctx.weekStart, ctx.timezone)
    : null;
  const entered = new Array<number>(ot?.starts.length ?? 0).fill(0);
  const converted = new Array<number>(ot?.starts.length ?? 0).fill(0);
  // read once: the loop runs for every user
  const { stepTime } = sc;
  const { counts } = total;
  const optional = plan.optional.length > 0 ? plan.optional : null;
  for (let user = ctx.u0; user < ctx.u1; user++) {
    checkAbort(ctx, user);
    if (members !== null && members[user] === 0) continue;
    const reached = sc.run(user);
    if (reached === 0) continue;
    if (ot) {
      const bucket = bucketIndex(ot.bounds, stepTime[0] ?? outOfBounds());
      if (bucket >= 0 && bucket < entered.length) {
        entered[bucket] = (entered[bucket] ?? outOfBounds()) + 1;
        if (reached === plan.n) converted[bucket] = (converted[bucket] ?? outOfBounds()) + 1;
      }
    }
    let group: Filling | null = null;
    if (bd && col) {
      let value: PropValue = null;
      if (bd.scope === "user") value = columnValue(col, user);
      else {
        const att = bd.attribution ?? "firstTouch";
        const k = att === "firstTouch" ? 0 : att === "lastTouch" ? reached - 1 : req.indexOf(att.step);
        value = k < reached ? columnValue(col, sc.stepPos[k] ?? outOfBounds()) : null;
      }
      const key = JSON.stringify(value);
      group = groups.get(key) ?? null;
      if (!group) {
        group = newFilling(value, nSteps, BREAKDOWN_FIRST_CHUNK);
        groups.set(key, group);
      }
    }
    counts[0] = (counts[0] ?? outOfBounds()) + 1;
    if (group) add(group, 0, 0);
    for (let k = 1; k < reached; k++) {
      const seconds = ((stepTime[k] ?? outOfBounds()) - (stepTime[k - 1] ?? outOfBounds())) / 1000;
      const qk = req[k] ?? outOfBounds();
      add(total, qk, seconds);
      if (group) add(group, qk, seconds);
    }
    if (optional === null) continue;
    for (const optionalStep of optional) {
      const optionalAt = optionalTime(sc, user, optionalStep);
      if (Number.isNaN(optionalAt)) continue;
      const seconds = (optionalAt - (stepTime[optionalStep.prev] ?? outOfBounds())) / 1000;
      add(total, optionalStep.k, seconds);
      if (group) add(group, optionalStep.k, seconds);
    }
  }
  const whole = filled(total);
  const out: FunnelPartial = {
    total: whole,
    groups: [...groups.entries()].map(([key, g]) => [key, filled(g)]),
    hist: timeToConvert(whole.diffs, whole.counts, plan.windowMs / 1000),
  };
  if (ot) out.overTime = { starts: ot.starts, entered, converted };
  return out;
}

/** The funnel result from the partials of all slices. */
export function finishFunnel(query: FunnelQuery, parts: FunnelPartial[]): FunnelResult {
  const nSteps = query.steps.length;
  const total = joinGroups(
    parts.map((p) => p.total),
    nSteps,
  );
  const byKey = new Map<string, Group[]>();
  for (const part of parts) {
    for (const [key, group] of part.groups) {
      const list = byKey.get(key);
      if (list) list.push(group);
      else byKey.set(key, [group]);
    }
  }
  const first = parts[0]?.hist;
  const timeToConvert = first
    ? {
        bucketsSeconds: first.bucketsSeconds,
        counts: first.counts.map((row, k) =>
          row.map((_, i) => parts.reduce((s, p) => s + (p.hist.counts[k]?.[i] ?? 0), 0)),
        ),
      }
    : undefined;
  const prevOf = previousRequired(query);
  const result: FunnelResult = { steps: stepsOf(total, prevOf) };
  if (timeToConvert) result.timeToConvert = timeToConvert;
  const ot0 = parts[0]?.overTime;
  if (ot0) {
    result.overTime = ot0.starts.map((start, i) => {
      const entered = parts.reduce((s, p) => s + (p.overTime?.entered[i] ?? 0), 0);
      const converted = parts.reduce((s, p) => s + (p.overTime?.converted[i] ?? 0), 0);
      return { start, entered, converted, conversion: entered === 0 ? null : converted / entered };
    });
  }
  if (query.breakdown) {
    const groups = [...byKey.values()].map((gs) => joinGroups(gs, nSteps));
    result.breakdown = breakdownRows(
      groups,
      query.breakdown.limit ?? DEFAULT_BREAKDOWN_LIMIT,
      nSteps,
      prevOf,
    );
  }
  return result;
}

export function runFunnel(ctx: EngineContext, q: FunnelQuery, members: Uint8Array | null): FunnelResult {
  return finishFunnel(q, [funnelPartial(ctx, q, members)]);
}

/** The top values by users entering the funnel (then by users converting), the rest as "other". */
function breakdownRows(
  groups: JoinedGroup[],
  limit: number,
  n: number,
  prevOf: readonly number[],
): FunnelBreakdownRow[] {
  groups.sort(
    (a, b) =>
      (b.counts[0] ?? outOfBounds()) - (a.counts[0] ?? outOfBounds()) ||
      (b.counts[n - 1] ?? outOfBounds()) - (a.counts[n - 1] ?? outOfBounds()) ||
      String(a.value).localeCompare(String(b.value)),
  );
  const rows: FunnelBreakdownRow[] = groups
    .slice(0, limit)
    .map((g) => ({ value: g.value, steps: stepsOf(g, prevOf) }));
  const rest = groups.slice(limit);
  if (rest.length > 0) {
    const other = { ...joinGroups(rest, n), value: null };
    rows.push({ value: null, other: true, steps: stepsOf(other, prevOf) });
  }
  return rows;
}
