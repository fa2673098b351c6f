import { outOfBounds } from "../typed-index.ts";

/**
 * An ordered attempt from the event at local index `s` when no two events share an instant: each
 * next step is the next event that can fill it (`mask` bit k), within the window from the start.
 * Returns the steps filled; path[0..k) holds their local indexes. Used by the direct scan and by
 * the scanner's ordered path, over the first `count` events of their scratch arrays.
 */
export function greedyReach(
  mask: Int32Array,
  t: Float64Array,
  count: number,
  s: number,
  n: number,
  windowMs: number,
  path: Int32Array,
): number {
  const deadline = (t[s] ?? outOfBounds()) + windowMs;
  path[0] = s;
  let i = s;
  let k = 1;
  while (k < n) {
    const bit = 1 << k;
    let j = i + 1;
    while (j < count && ((mask[j] ?? outOfBounds()) & bit) === 0) j++;
    if (j >= count || (t[j] ?? outOfBounds()) > deadline) break;
    path[k++] = j;
    i = j;
  }
  return k;
}
