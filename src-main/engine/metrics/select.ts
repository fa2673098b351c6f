import { outOfBounds } from "../typed-index.ts";

// Order statistics by selection: the medians (stats.ts, funnel/median.ts) and quintiles
// (quintiles.ts) need a few positions of the sorted values, not the whole order.

/**
 * Rearranges values so that values[k] holds the k-th smallest, smaller or equal ones before it and
 * greater or equal ones after (Hoare's selection with a median-of-three pivot); returns values[k].
 * Only positions from `from` on move: a caller that selected a smaller rank before passes it, as
 * nothing at or after it is smaller.
 */
export function select(values: Float64Array, k: number, from = 0): number {
  let lo = from;
  let hi = values.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // median of three to the middle, the smaller to lo and the larger to hi
    if ((values[mid] ?? outOfBounds()) < (values[lo] ?? outOfBounds())) swap(values, mid, lo);
    if ((values[hi] ?? outOfBounds()) < (values[lo] ?? outOfBounds())) swap(values, hi, lo);
    if ((values[hi] ?? outOfBounds()) < (values[mid] ?? outOfBounds())) swap(values, hi, mid);
    const pivot = values[mid] ?? outOfBounds();
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] ?? outOfBounds()) < pivot) i++;
      while ((values[j] ?? outOfBounds()) > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k] ?? outOfBounds();
}

function swap(s: Float64Array, i: number, j: number): void {
  const t = s[i] ?? outOfBounds();
  s[i] = s[j] ?? outOfBounds();
  s[j] = t;
}

/**
 * The value at each of `ranks` (0-based) in `work` sorted ascending, by one selection per rank
 * narrowing on the last; reorders `work`. For values whose order under `<` is the typed-array
 * sort's (no NaN, and not both -0 and 0).
 */
export function selectRanks(work: Float64Array, ranks: readonly number[]): number[] {
  const found = new Map<number, number>();
  let from = 0;
  for (const rank of [...new Set(ranks)].sort((a, b) => a - b)) {
    found.set(rank, select(work, rank, from));
    from = rank;
  }
  return ranks.map((rank) => found.get(rank) ?? outOfBounds());
}
