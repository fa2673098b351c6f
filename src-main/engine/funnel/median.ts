import { outOfBounds } from "../typed-index.ts";

// The median without sorting: quickselect is linear, and a full sort of a million conversion times
// was most of a funnel's cost.

/** Rearranges values so that values[k] is the k-th smallest, smaller ones before it, larger after. */
function select(values: Float64Array, k: number): void {
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // median of three as the pivot, so sorted input stays linear
    const first = values[lo] ?? outOfBounds();
    const middle = values[mid] ?? outOfBounds();
    const last = values[hi] ?? outOfBounds();
    const pivot = Math.max(Math.min(first, middle), Math.min(Math.max(first, middle), last));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] ?? outOfBounds()) < pivot) i++;
      while ((values[j] ?? outOfBounds()) > pivot) j--;
      if (i <= j) {
        const swapped = values[i] ?? outOfBounds();
        values[i] = values[j] ?? outOfBounds();
        values[j] = swapped;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** Median of the values (reorders them); null when there are none. */
export function medianInPlace(a: Float64Array): number | null {
  const n = a.length;
  if (n === 0) return null;
  const h = n >> 1;
  select(a, h);
  const upper = a[h] ?? outOfBounds();
  if (n % 2 === 1) return upper;
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < h; i++) if ((a[i] ?? outOfBounds()) > lower) lower = a[i] ?? outOfBounds();
  return (lower + upper) / 2;
}
