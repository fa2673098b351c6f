import { outOfBounds } from "../typed-index.ts";

// The median without sorting: quickselect is linear, and a full sort of a million conversion times
// was most of a funnel's cost.

/** Rearranges a so that a[k] is the k-th smallest, smaller ones before it, larger after. */
function select(float64Array: Float64Array, k: number): void {
  let lo = 0;
  let hi = float64Array.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    // median of three as the pivot, so sorted input stays linear
    const x = float64Array[lo] ?? outOfBounds();
    const y = float64Array[mid] ?? outOfBounds();
    const z = float64Array[hi] ?? outOfBounds();
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((float64Array[i] ?? outOfBounds()) < pivot) i++;
      while ((float64Array[j] ?? outOfBounds()) > pivot) j--;
      if (i <= j) {
        const time = float64Array[i] ?? outOfBounds();
        float64Array[i] = float64Array[j] ?? outOfBounds();
        float64Array[j] = time;
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
