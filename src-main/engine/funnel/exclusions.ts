import { outOfBounds } from "../typed-index.ts";
import type { FunnelScanner } from "./scanner.ts";

// Exclusions of spec/queries.md. Step times never decrease along an attempt, so "an exclusion
// strictly between fromStep and toStep, except at the instant of one of the attempt's step events"
// is the same as "no exclusion strictly between two consecutive step events from fromStep to
// toStep": a check on each consecutive pair, plus, for an attempt that stops before toStep, on the
// tail after its last step up to first-step time + window.

/** Is there an instant v in `xs` (sorted) with a < v < b (or <= b when `closed`)? */
export function anyBetween(xs: readonly number[], a: number, b: number, closed: boolean): boolean {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] ?? outOfBounds()) <= a) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= xs.length) return false;
  const v = xs[lo] ?? outOfBounds();
  return closed ? v <= b : v < b;
}

function pairOk(sc: FunnelScanner, k: number, ta: number, tb: number): boolean {
  const exs = sc.plan.exclusions;
  for (let x = 0; x < exs.length; x++) {
    const e = exs[x] as { from: number; to: number };
    if (e.from <= k - 1 && k <= e.to && anyBetween(sc.exTimes[x] ?? outOfBounds(), ta, tb, false))
      return false;
  }
  return true;
}

function tailOk(sc: FunnelScanner, r: number, tLast: number, deadline: number): boolean {
  const exs = sc.plan.exclusions;
  for (let x = 0; x < exs.length; x++) {
    const e = exs[x] as { from: number; to: number };
    if (e.from <= r - 1 && r - 1 < e.to && anyBetween(sc.exTimes[x] ?? outOfBounds(), tLast, deadline, true))
      return false;
  }
  return true;
}

/**
 * Is some attempt from `start` that reaches `reached` steps not excluded? Writes the earliest such
 * attempt into `path`. Strict funnels have one attempt per start; ordered ones are searched depth
 * first (earliest candidates first), remembering dead ends.
 */
export function orderedAttemptAvoiding(
  sc: FunnelScanner,
  start: number,
  reached: number,
  strict: boolean,
  path: Int32Array,
): boolean {
  const { t, c, mask, m } = sc;
  const deadline = (t[start] ?? outOfBounds()) + sc.plan.windowMs;
  if (strict) {
    for (let k = 1; k < reached; k++)
      if (
        !pairOk(
          sc,
          k,
          t[path[k - 1] ?? outOfBounds()] ?? outOfBounds(),
          t[path[k] ?? outOfBounds()] ?? outOfBounds(),
        )
      )
        return false;
    return tailOk(sc, reached, t[path[reached - 1] ?? outOfBounds()] ?? outOfBounds(), deadline);
  }
  const dead = new Set<number>();
  const chosen: number[] = [start];
  const dfs = (k: number): boolean => {
    const prev = chosen[k - 1] ?? outOfBounds();
    if (k === reached) return tailOk(sc, reached, t[prev] ?? outOfBounds(), deadline);
    const T = t[prev] ?? outOfBounds();
    let i = prev;
    while (i > 0 && t[i - 1] === T) i--;
    const bit = 1 << k;
    for (; i < m && (t[i] ?? outOfBounds()) <= deadline; i++) {
      if (((mask[i] ?? outOfBounds()) & bit) === 0) continue;
      if (t[i] === T && (c[i] === c[prev] || chosen.includes(i))) continue;
      if (!pairOk(sc, k, T, t[i] ?? outOfBounds())) continue;
      // the future of an attempt depends on (step, event) alone unless other steps share the instant
      const plain = t[i] !== T;
      const key = k * m + i;
      if (plain && dead.has(key)) continue;
      chosen.push(i);
      if (dfs(k + 1)) return true;
      chosen.pop();
      if (plain) dead.add(key);
    }
    return false;
  };
  if (!dfs(1)) return false;
  for (let k = 0; k < reached; k++) path[k] = chosen[k] ?? outOfBounds();
  return true;
}

/**
 * The best attempt of an unordered funnel starting at the instant of `start` that is not dropped: the
 * most steps filled, then the earliest event times. Local indexes in time order, or null.
 * Events with the same instant and step mask are interchangeable, so the search runs over those
 * classes.
 */
export const SEARCH_BUDGET = 200_000;

export function unorderedBestAvoiding(sc: FunnelScanner, start: number): number[] | null {
  const { t, mask, m } = sc;
  const nSteps = sc.plan.n;
  const t0 = t[start] ?? outOfBounds();
  const deadline = t0 + sc.plan.windowMs;
  const classes: { t: number; mask: number; idx: number[] }[] = [];
  for (let i = start; i < m && (t[i] ?? outOfBounds()) <= deadline; i++) {
    const mk = mask[i] ?? outOfBounds();
    if (mk === 0) continue;
    const last = classes.find((cl) => cl.t === t[i] && cl.mask === mk);
    if (last) last.idx.push(i);
    else classes.push({ t: t[i] ?? outOfBounds(), mask: mk, idx: [i] });
  }
  const exInstants = [...new Set(sc.exTimes.flat())]
    .filter((x) => x > t0 && x <= deadline)
    .sort((a, b) => a - b);
  const used = new Int32Array(classes.length);
  const chosen: number[] = [];
  let best: number[] | null = null;
  const better = (cand: number[]): boolean => {
    if (best === null || cand.length > best.length) return true;
    if (cand.length < best.length) return false;
    for (let k = 0; k < cand.length; k++) {
      const a = t[cand[k] ?? outOfBounds()] ?? outOfBounds();
      const b = t[best[k] ?? outOfBounds()] ?? outOfBounds();
      if (a !== b) return a < b;
    }
    return false;
  };
  const leaf = () => {
    if (chosen.length === 0) return;
    const sorted = [...chosen].sort((a, b) => (t[a] ?? outOfBounds()) - (t[b] ?? outOfBounds()) || a - b);
    if (t[sorted[0] ?? outOfBounds()] !== t0) return; // the attempt starts at start's instant
    const times = new Set(sorted.map((i) => t[i] ?? outOfBounds()));
    const bound =
      sorted.length === nSteps
        ? (t[sorted[sorted.length - 1] ?? outOfBounds()] ?? outOfBounds())
        : Number.POSITIVE_INFINITY;
    for (const x of exInstants) if (x < bound && !times.has(x)) return;
    if (better(sorted)) best = sorted;
  };
  // The search is exhaustive over classes, which stays small for real users; a user with hundreds
  // of distinct step events in one window would make it explode, so it stops after a budget and
  // keeps the best attempt found (see resources/docs/queries.md).
  let budget = SEARCH_BUDGET;
  const dfs = (k: number) => {
    if (budget <= 0) return;
    if (k === nSteps) {
      budget--;
      return leaf();
    }
    for (let ci = 0; ci < classes.length; ci++) {
      const cl = classes[ci] as { mask: number; idx: number[] };
      if ((cl.mask & (1 << k)) === 0 || (used[ci] ?? outOfBounds()) >= cl.idx.length) continue;
      chosen.push(cl.idx[used[ci] ?? outOfBounds()] ?? outOfBounds());
      used[ci] = (used[ci] ?? outOfBounds()) + 1;
      dfs(k + 1);
      used[ci] = (used[ci] ?? outOfBounds()) - 1;
      chosen.pop();
    }
    dfs(k + 1); // step k left unfilled
  };
  dfs(0);
  return best;
}
