import type { FunnelQuery } from "../../../../src-preload/contract/queries.ts";
import { type Ev, eventsOf, instant, type Log, matches, passes, plusDays } from "./log.ts";

// Funnels by brute force: every attempt (a start event plus a choice of later events allowed by the
// order rules) is enumerated, then the spec's sentences are applied to the list, one by one.

const UNIT = { second: 1e3, minute: 6e4, hour: 3.6e6, day: 8.64e7, week: 6.048e8 } as const;

export interface OracleFunnelUser {
  /** required steps filled by the counted attempt, and their instants */
  reach: number;
  times: number[];
  /** per query step: the instant the user is counted there (optional steps too), or null */
  at: (number | null)[];
}

/** Objects and arrays count as missing, as in filters; a missing value is a value of its own. */
function held(e: Ev, p: string): string {
  const v = e.props[p];
  return v === undefined || v === null || typeof v === "object" ? "missing" : `${typeof v}:${String(v)}`;
}
function sameHeld(q: FunnelQuery, a: Ev, b: Ev): boolean {
  return (q.holdConstant ?? []).every((p) => held(a, p) === held(b, p));
}

type Found = { reach: number; times: number[]; start: Ev | null };

function ordered(q: FunnelQuery, evs: Ev[], log: Log, W: number): Found {
  const n = q.steps.length;
  const strict = q.order === "strict";
  let best: Found = { reach: 0, times: [], start: null };
  for (let s = 0; s < evs.length; s++) {
    const e0 = evs[s] as Ev;
    if (!matches(log, e0, q.steps[0] as FunnelQuery["steps"][number])) continue;
    const deadline = e0.time + W;
    const attempts: number[][] = [];
    const grow = (path: number[]) => {
      attempts.push([...path]);
      const k = path.length;
      if (k === n) return;
      const prev = evs[path[k - 1] as number] as Ev;
      const cands = strict ? [(path[k - 1] as number) + 1] : evs.map((_, i) => i);
      for (const i of cands) {
        const e = evs[i];
        if (!e || path.includes(i) || e.time > deadline) continue;
        if (!matches(log, e, q.steps[k] as FunnelQuery["steps"][number])) continue;
        if (!sameHeld(q, e, e0)) continue;
        const after = e.time > prev.time || (e.time === prev.time && e.event !== prev.event);
        if (!after) continue;
        if (strict && e.time === prev.time && e.event === prev.event) continue;
        path.push(i);
        grow(path);
        path.pop();
      }
    };
    grow([s]);
    const R = Math.max(...attempts.map((a) => a.length));
    const furthest = attempts.filter((a) => a.length === R);
    const clean = furthest.filter((a) => !excluded(q, evs, log, a, deadline));
    if (clean.length === 0) continue;
    if (R <= best.reach) continue;
    const times = clean.map((a) => a.map((i) => (evs[i] as Ev).time)).sort(lexi)[0] as number[];
    best = { reach: R, times, start: e0 };
  }
  return best;
}

function lexi(a: number[], b: number[]): number {
  for (let k = 0; k < Math.min(a.length, b.length); k++)
    if (a[k] !== b[k]) return (a[k] as number) - (b[k] as number);
  return a.length - b.length;
}

function excluded(q: FunnelQuery, evs: Ev[], log: Log, a: number[], deadline: number): boolean {
  const stepTimes = new Set(a.map((i) => (evs[i] as Ev).time));
  const last = a.length - 1;
  for (const ex of q.exclusions ?? []) {
    if (last < ex.fromStep) continue;
    const lo = (evs[a[ex.fromStep] as number] as Ev).time;
    const reached = last >= ex.toStep;
    const hi = reached ? (evs[a[ex.toStep] as number] as Ev).time : deadline;
    for (const e of evs) {
      if (!matches(log, e, ex.event)) continue;
      const inside = e.time > lo && (reached ? e.time < hi : e.time <= hi);
      if (inside && !stepTimes.has(e.time)) return true;
    }
  }
  return false;
}

function unordered(q: FunnelQuery, evs: Ev[], log: Log, W: number): Found {
  const n = q.steps.length;
  let best: Found = { reach: 0, times: [], start: null };
  const exTimes = evs
    .filter((e) => (q.exclusions ?? []).some((x) => matches(log, e, x.event)))
    .map((e) => e.time);
  for (let s = 0; s < evs.length; s++) {
    const e0 = evs[s] as Ev;
    const t0 = e0.time;
    const deadline = t0 + W;
    const pool = evs
      .map((_, i) => i)
      .filter((i) => (evs[i] as Ev).time >= t0 && (evs[i] as Ev).time <= deadline)
      .filter((i) => sameHeld(q, evs[i] as Ev, e0));
    const found: number[][] = [];
    // assign steps 0..n-1 to distinct events of the pool (or leave them empty); s must be used
    const assign = (k: number, chosen: number[]) => {
      if (k === n) {
        if (chosen.includes(s)) found.push([...chosen]);
        return;
      }
      assign(k + 1, chosen);
      for (const i of pool) {
        if (chosen.includes(i) || !matches(log, evs[i] as Ev, q.steps[k] as FunnelQuery["steps"][number]))
          continue;
        chosen.push(i);
        assign(k + 1, chosen);
        chosen.pop();
      }
    };
    assign(0, []);
    const kept = found.filter((a) => {
      const times = a.map((i) => (evs[i] as Ev).time).sort((x, y) => x - y);
      const stepTimes = new Set(times);
      const bound = a.length === n ? (times[times.length - 1] as number) : Number.POSITIVE_INFINITY;
      return !exTimes.some((x) => x > t0 && x <= deadline && x < bound && !stepTimes.has(x));
    });
    if (kept.length === 0) continue;
    const R = Math.max(...kept.map((a) => a.length));
    if (R <= best.reach) continue;
    const times = kept
      .filter((a) => a.length === R)
      .map((a) => a.map((i) => (evs[i] as Ev).time).sort((x, y) => x - y))
      .sort(lexi)[0] as number[];
    best = { reach: R, times, start: e0 };
  }
  return best;
}

/** The query without its optional steps (exclusions renumbered), which decides the attempt. */
function requiredOnly(q: FunnelQuery): { rq: FunnelQuery; required: number[] } {
  const skip = new Set(q.optionalSteps ?? []);
  const required = q.steps.map((_, k) => k).filter((k) => !skip.has(k));
  const rq: FunnelQuery = {
    ...q,
    steps: q.steps.filter((_, k) => !skip.has(k)),
    exclusions: (q.exclusions ?? []).map((x) => ({
      ...x,
      fromStep: required.indexOf(x.fromStep),
      toStep: required.indexOf(x.toStep),
    })),
  };
  return { rq, required };
}

/**
 * Optional step k, read literally from resources/docs/queries.md: the earliest event matching it
 * (with the first step's held values) strictly after the previous required step's instant and
 * strictly before the next one's, or up to first-step time + window inclusive when not reached.
 */
function optionalAt(
  q: FunnelQuery,
  evs: Ev[],
  log: Log,
  W: number,
  k: number,
  f: Found,
  required: number[],
): number | null {
  const prev = required.filter((r) => r < k).length - 1;
  const next = prev + 1;
  if (f.reach <= prev || f.start === null) return null;
  const lo = f.times[prev] as number;
  const e = evs.find(
    (x) =>
      x.time > lo &&
      (f.reach > next ? x.time < (f.times[next] as number) : x.time <= (f.times[0] as number) + W) &&
      matches(log, x, q.steps[k] as FunnelQuery["steps"][number]) &&
      sameHeld(q, x, f.start as Ev),
  );
  return e ? e.time : null;
}

export function oracleFunnel(
  log: Log,
  q: FunnelQuery,
  tz: string,
  members?: Set<string>,
): Map<string, OracleFunnelUser> {
  if (!("from" in q.range)) throw new Error("oracle takes from/to ranges");
  const start = instant(q.range.from, tz);
  const end = instant(plusDays(q.range.to, 1), tz);
  const W = (q.window?.value ?? 14) * UNIT[q.window?.unit ?? "day"];
  const out = new Map<string, OracleFunnelUser>();
  for (const u of log.users) {
    if (members && !members.has(u.id)) continue;
    const evs = eventsOf(log, u.id).filter((e) => e.time >= start && e.time < end && passes(log, e, q.where));
    const { rq, required } = requiredOnly(q);
    const r = q.order === "unordered" ? unordered(rq, evs, log, W) : ordered(rq, evs, log, W);
    if (r.reach === 0) continue;
    const at = q.steps.map((_, k) => {
      const i = required.indexOf(k);
      if (i >= 0) return i < r.reach ? (r.times[i] as number) : null;
      return optionalAt(q, evs, log, W, k, r, required);
    });
    out.set(u.id, { reach: r.reach, times: r.times, at });
  }
  return out;
}

/**
 * counts, medians and averages as the engine reports them; times from the previous required step
 * (an optional step's and the next required step's alike)
 */
export function oracleFunnelSteps(users: Map<string, OracleFunnelUser>, q: FunnelQuery) {
  const steps = [];
  const skip = new Set(q.optionalSteps ?? []);
  for (let k = 0; k < q.steps.length; k++) {
    let p = k - 1;
    while (p > 0 && skip.has(p)) p--;
    const at = [...users.values()].filter((u) => u.at[k] !== null);
    const diffs = k === 0 ? [] : at.map((u) => ((u.at[k] as number) - (u.at[p] as number)) / 1000);
    diffs.sort((a, b) => a - b);
    const h = Math.floor(diffs.length / 2);
    const median =
      diffs.length === 0
        ? null
        : diffs.length % 2
          ? (diffs[h] as number)
          : ((diffs[h - 1] as number) + (diffs[h] as number)) / 2;
    steps.push({
      count: at.length,
      median: k === 0 ? null : median,
      avg: k === 0 || diffs.length === 0 ? null : diffs.reduce((a, b) => a + b, 0) / diffs.length,
    });
  }
  return steps;
}
