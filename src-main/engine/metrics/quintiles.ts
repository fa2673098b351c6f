import { outOfBounds } from "../typed-index.ts";
import { select } from "./select.ts";

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

/** Quintile scores and edges (as above) from one sort of the values. */
export function quintiles(
  values: ArrayLike<number>,
  reversed = false,
): { scores: Uint8Array; edges: number[] } {
  const count = values.length;
  const scores = new Uint8Array(count);
  if (count === 0) return { scores, edges: [] };
  // edges: positions ceil(k · count / 5) of the values sorted the score's way (descending when reversed)
  const edgeRanks = [1, 2, 3, 4].map((k) => {
    const i = Math.min(count - 1, Math.ceil((k * count) / 5));
    return reversed ? count - 1 - i : i;
  });
  const m1 = Math.ceil(count / 5);
  const m2 = Math.ceil((2 * count) / 5);
  const m3 = Math.ceil((3 * count) / 5);
  const m4 = Math.ceil((4 * count) / 5);
  const cutRanks = reversed
    ? [count - m1, count - m2, count - m3, count - m4]
    : [m1 - 1, m2 - 1, m3 - 1, m4 - 1];
  const counts = countsOf(values);
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
  // score - 1 counts the k in 1..4 with below >= m = ceil(k · count / 5) (m >= 1, as count >= 1), and
  // below >= m exactly when the m-th smallest value is below it (when reversed: the m-th largest is above it),
  // so four comparisons per value replace a binary search
  const [cut1 = outOfBounds(), cut2 = outOfBounds(), cut3 = outOfBounds(), cut4 = outOfBounds()] =
    ranked.slice(4);
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
  const work = Float64Array.from(values);
  const found = new Map<number, number>();
  let from = 0;
  for (const rank of [...new Set(ranks)].sort((a, b) => a - b)) {
    found.set(rank, select(work, rank, from));
    from = rank;
  }
  return ranks.map((rank) => found.get(rank) ?? outOfBounds());
}

const COUNTING_RANGE = 1 << 16;

/**
 * How many times each value occurs when every value is a small non-negative integer (recency days,
 * event counts; not -0, which sorts apart from 0), else null: eight order statistics then come from
 * running sums of the counts, with no sorted copy of the values.
 */
function countsOf(values: ArrayLike<number>): Int32Array | null {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? outOfBounds();
    if (!((v | 0) === v && v >= 0 && v < COUNTING_RANGE && !Object.is(v, -0))) return null;
    if (v > max) max = v;
  }
  const counts = new Int32Array(max + 1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? outOfBounds();
    counts[v] = (counts[v] ?? outOfBounds()) + 1;
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

/**
 * Values whose order statistics a selection finds (small non-negative integers are counted first, by
 * countsOf): no NaN and no -0, which the typed-array sort puts before 0 and `<` does not.
 */
function selectable(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? outOfBounds();
    if (Number.isNaN(v) || Object.is(v, -0)) return false;
  }
  return true;
}

/** The values in a typed-array sort's order (NaN last, -0 before 0). */
function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}
