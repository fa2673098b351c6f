import { outOfBounds } from "./typed-index.ts";

// Searches of one user's times, which are sorted within the user's slice of the timeline (and of any
// other sorted doubles: a histogram's edges).

/** First index in [a, b) whose time is >= t (times are sorted within a user's slice). */
export function lowerBound(times: Float64Array, a: number, b: number, t: number): number {
  let lo = a;
  let hi = b;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] ?? outOfBounds()) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * lowerBound, settled by the slice's first and last times when the bound is outside them (most
 * users of a range are wholly inside or wholly outside it): two reads, no search, and none of the
 * reads per event a forward walk costs.
 */
export function firstAtOrAfter(times: Float64Array, a: number, b: number, t: number): number {
  if (a === b || (times[a] ?? outOfBounds()) >= t) return a;
  if ((times[b - 1] ?? outOfBounds()) < t) return b;
  return lowerBound(times, a + 1, b - 1, t);
}
