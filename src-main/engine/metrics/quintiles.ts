import { outOfBounds } from "../typed-index.ts";
import { ranksOfParts, selectable } from "./ranks-of-parts.ts";
import { selectRanks } from "./select.ts";

// Quintile scores and edges (resources/docs/metrics.md): RFM's scores, from one pass of counting
// when the values are small whole numbers (days, counts) and from a few selections otherwise.

/**
 * Quintile scores 1..5: a value scores floor(5 · below / n) + 1, where `below` is the number of values
 * strictly lower (strictly higher when `reversed`). Equal values always share a score, which is the
 * lowest score their block reaches; this is SQL's floor(5 * (rank() - 1) / count(*)) + 1.
 */
export function quintileScores(values: ArrayLike<number>, reversed = false): Uint8Array {
  return quintiles(values, reversed).scores;
}

/** The values at the 20/40/60/80th positions of the sorted values (where scores 2..5 would start). */
export function quintileEdges(values: ArrayLike<number>, reversed = false): number[] {
  return quintiles(values, reversed).edges;
}

/** Where quintiles read the values sorted ascending: four edges, then four cuts. */
function quintileRanks(count: number, reversed: boolean): { edgeRanks: number[]; cutRanks: number[] } {
  // edges: positions ceil(k · count / 5) of the values sorted the score's way (descending when reversed)
  const edgeRanks = [1, 2, 3, 4].map((k) => {
    const i = Math.min(count - 1, Math.ceil((k * count) / 5));
    return reversed ? count - 1 - i : i;
  });
  // cuts: the m-th smallest (when reversed: largest) value, m = ceil(k · count / 5)
  const m = [1, 2, 3, 4].map((k) => Math.ceil((k * count) / 5));
  const cutRanks = m.map((mk) => (reversed ? count - mk : mk - 1));
  return { edgeRanks, cutRanks };
}

/** What a value's score compares it with (quintileCuts): the value of each of the four cuts. */
export type Cuts = readonly [number, number, number, number];

/**
 * A value's score from the four cuts. score - 1 counts the k in 1..4 with below >= m = ceil(k ·
 * count / 5) (m >= 1, as count >= 1), and below >= m exactly when the m-th smallest value is below
 * it (when reversed: the m-th largest is above it), so four comparisons replace a binary search.
 */
export function scoreOf(value: number, cuts: Cuts, reversed: boolean): number {
  const [c1, c2, c3, c4] = cuts;
  return reversed
    ? 1 + +(c1 > value) + +(c2 > value) + +(c3 > value) + +(c4 > value)
    : 1 + +(c1 < value) + +(c2 < value) + +(c3 < value) + +(c4 < value);
}

/**
 * The edges and cuts of the values of several arrays taken together (RFM's slices of users, read
 * where they are: no joined copy, and no score per value when the caller needs only its cell);
 * null when a value is NaN, which no cut can place (quintiles scores it by its definition).
 */
export function quintileCuts(
  parts: readonly Float64Array[],
  reversed: boolean,
): { edges: number[]; cuts: Cuts } | null {
  const count = parts.reduce((n, p) => n + p.length, 0);
  if (count === 0) return { edges: [], cuts: [0, 0, 0, 0] };
  const { edgeRanks, cutRanks } = quintileRanks(count, reversed);
  const at = orderStatistics(parts, [...edgeRanks, ...cutRanks], false);
  if (at === null) return null;
  const cut = (k: number) => at[4 + k] ?? outOfBounds();
  return { edges: at.slice(0, 4), cuts: [cut(0), cut(1), cut(2), cut(3)] };
}

/** quintileEdges of the values of several arrays taken together (as quintileCuts reads them). */
export function quintileEdgesOf(parts: readonly Float64Array[]): number[] {
  const count = parts.reduce((n, p) => n + p.length, 0);
  if (count === 0) return [];
  return orderStatistics(parts, quintileRanks(count, false).edgeRanks, true) ?? outOfBounds();
}

/**
 * The values at `ranks` of every part's values sorted ascending (a typed-array sort's order: -0
 * before 0, NaN last): counted when they are small whole numbers, else as ranks-of-parts.ts finds
 * them; null when a value is NaN and `withNaN` is false (then the sort's last value is one, which
 * the largest rank, asked for too, tells).
 */
function orderStatistics(
  parts: readonly Float64Array[],
  ranks: readonly number[],
  withNaN: boolean,
): number[] | null {
  const counts = countsOf(parts);
  if (counts) return ranks.map((rank) => countedAtRank(counts, rank));
  if (withNaN) return ranksOfParts(parts, ranks);
  const last = parts.reduce((n, p) => n + p.length, 0) - 1;
  const at = ranksOfParts(parts, [...ranks, last]);
  return Number.isNaN(at[at.length - 1]) ? null : at.slice(0, -1);
}

/** Quintile scores and edges (as above) from one sort of the values. */
export function quintiles(
  values: ArrayLike<number>,
  reversed = false,
): { scores: Uint8Array; edges: number[] } {
  const count = values.length;
  const scores = new Uint8Array(count);
  if (count === 0) return { scores, edges: [] };
  const { edgeRanks, cutRanks } = quintileRanks(count, reversed);
  const counts = countsOf([values]);
  const sorted = counts || selectable(values) ? null : sortedCopy(values);
  if (sorted && Number.isNaN(sorted[count - 1])) {
    // NaN compares with nothing: keep the definition's binary search per value. The NaNs sort last
    // and are never higher than a value, so "higher" counts among the numbers only, and a NaN has none
    const edges = edgeRanks.map((rank) => sorted[rank] ?? outOfBounds());
    const numbers = bound(sorted, Number.POSITIVE_INFINITY, true);
    for (let i = 0; i < count; i++) {
      const value = values[i] ?? outOfBounds();
      const higher = Number.isNaN(value) ? 0 : numbers - bound(sorted, value, true);
      const below = reversed ? higher : bound(sorted, value, false);
      scores[i] = Math.floor((5 * below) / count) + 1;
    }
    return { scores, edges };
  }
  const ranks = [...edgeRanks, ...cutRanks];
  const ranked = counts
    ? ranks.map((rank) => countedAtRank(counts, rank))
    : sorted
      ? ranks.map((rank) => sorted[rank] ?? outOfBounds())
      : valuesAtRanks(values, ranks);
  const edges = ranked.slice(0, 4);
  const [cut1 = outOfBounds(), cut2 = outOfBounds(), cut3 = outOfBounds(), cut4 = outOfBounds()] =
    ranked.slice(4);
  // scoreOf's comparisons, in a loop of their own each way
  if (reversed) {
    for (let i = 0; i < count; i++) {
      const value = values[i] ?? outOfBounds();
      scores[i] = 1 + +(cut1 > value) + +(cut2 > value) + +(cut3 > value) + +(cut4 > value);
    }
  } else {
    for (let i = 0; i < count; i++) {
      const value = values[i] ?? outOfBounds();
      scores[i] = 1 + +(cut1 < value) + +(cut2 < value) + +(cut3 < value) + +(cut4 < value);
    }
  }
  return { scores, edges };
}

/** Count of sorted values < v (or <= v when `inclusive`). */
function bound(sorted: Float64Array, v: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = sorted[mid] ?? outOfBounds();
    if (x < v || (inclusive && x === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The value at each of `ranks` (0-based) in `values` sorted ascending, by one selection per rank
 * narrowing on the last (quintiles need eight order statistics, not the whole order). For values
 * without NaN and without -0, whose order under `<` is the typed-array sort's.
 */
export function valuesAtRanks(values: ArrayLike<number>, ranks: readonly number[]): number[] {
  return selectRanks(Float64Array.from(values), ranks);
}

const COUNTING_RANGE = 1 << 16;

/**
 * How many times each value of the parts occurs when every value is a small non-negative integer
 * (recency days, event counts; not -0, which sorts apart from 0), else null: eight order statistics
 * then come from running sums of the counts, with no sorted copy of the values.
 */
function countsOf(parts: readonly ArrayLike<number>[]): Int32Array | null {
  let max = 0;
  for (const values of parts) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i] ?? outOfBounds();
      if (!((v | 0) === v && v >= 0 && v < COUNTING_RANGE && !Object.is(v, -0))) return null;
      if (v > max) max = v;
    }
  }
  const counts = new Int32Array(max + 1);
  for (const values of parts) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i] ?? outOfBounds();
      counts[v] = (counts[v] ?? outOfBounds()) + 1;
    }
  }
  return counts;
}

/** The value at 0-based `rank` in ascending order, from each value's count (countsOf). */
function countedAtRank(counts: Int32Array, rank: number): number {
  let below = 0;
  for (let v = 0; v < counts.length; v++) {
    below += counts[v] ?? outOfBounds();
    if (below > rank) return v;
  }
  return outOfBounds();
}

/** The values in a typed-array sort's order (NaN last, -0 before 0). */
function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}
