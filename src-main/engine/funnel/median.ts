import { select } from "../metrics/select.ts";
import { outOfBounds } from "../typed-index.ts";

// The median without sorting: quickselect is linear, and a full sort of a million conversion times
// was most of a funnel's cost.

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
