import type { FunnelQuery } from "../../../../src-preload/contract/queries.ts";
import { type Ev, eventsOf, instant, type Log, matches, passes, plusDays } from "./log.ts";

// Funnels by brute force: every attempt (a start event plus a choice of later events allowed by the
// order rules) is enumerated, then the spec's sentences are applied to the list, one by one.

const UNIT = { second: 1e3, minute: 6e4, hour: 3.6e6, day: 8.64e7, week: 6.048e8 } as const;

export interface OracleFunnelUser {
  reach: number;
  times: number[];
}

function ordered(q: FunnelQuery, evs: Ev[], log: Log, W: number): OracleFunnelUser {
  const n = q.steps.length;
  const strict = q.order === "strict";
  let best: OracleFunnelUser = { reach: 0, times: [] };
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
    best = { reach: R, times };
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

function unordered(q: FunnelQuery, evs: Ev[], log: Log, W: number): OracleFunnelUser {
  const n = q.steps.length;
  let best: OracleFunnelUser = { reach: 0, times: [] };
  const exTimes = evs
    .filter((e) => (q.exclusions ?? []).some((x) => matches(log, e, x.event)))
    .map((e) => e.time);
  for (let s = 0; s < evs.length; s++) {
    const e0 = evs[s] as Ev;
    const t0 = e0.time;
    const deadline = t0 + W;
    const pool = evs
      .map((_, i) => i)
      .filter((i) => (evs[i] as Ev).time >= t0 && (evs[i] as Ev).time <= deadline);
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
    best = { reach: R, times };
  }
  return best;
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
    const r = q.order === "unordered" ? unordered(q, evs, log, W) : ordered(q, evs, log, W);
    if (r.reach > 0) out.set(u.id, r);
  }
  return out;
}

/** counts, medians and averages as the engine reports them */
export function oracleFunnelSteps(users: Map<string, OracleFunnelUser>, n: number) {
  const steps = [];
  for (let k = 0; k < n; k++) {
    const at = [...users.values()].filter((u) => u.reach > k);
    const diffs = k === 0 ? [] : at.map((u) => ((u.times[k] as number) - (u.times[k - 1] as number)) / 1000);
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
