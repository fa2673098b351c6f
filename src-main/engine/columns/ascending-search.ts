import { outOfBounds } from "../typed-index.ts";

/** The index of `id` among the first `n` of ascending `ids`, or -1. */
export function indexInAscending(ids: Int32Array, n: number, id: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = ids[mid] ?? outOfBounds();
    if (at === id) return mid;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
