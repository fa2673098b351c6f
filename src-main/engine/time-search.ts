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

/** Slices up to this long are stepped through rather than halved (firstAtOrAfter). */
const STEPPED = 16;

/**
 * lowerBound, settled by the slice's first and last times when the bound is outside them (most
 * users of a range are wholly inside or wholly outside it): two reads, no search, and none of the
 * reads per event a forward walk costs. Inside a short slice (a typical user's history) the bound
 * is found by stepping: a search's comparisons go either way at random and each wrong guess costs
 * the processor more than a few more reads in a row (trends at 1M events, ~10 events a user: the
 * scan 12-16 ms against 15-20).
 */
export function firstAtOrAfter(times: Float64Array, a: number, b: number, t: number): number {
  if (a === b || (times[a] ?? outOfBounds()) >= t) return a;
  if ((times[b - 1] ?? outOfBounds()) < t) return b;
  if (b - a > STEPPED) return lowerBound(times, a + 1, b - 1, t);
  // times[b - 1] >= t ends the walk inside the slice
  let i = a + 1;
  while ((times[i] ?? outOfBounds()) < t) i++;
  return i;
}

/**
 * lowerBound for a bound that is likely near `a`: steps of 1, 2, 4, ... from `a` until a time at or
 * after `t`, then a binary search of the last step. A scan that moves from one period to the next
 * finds a period's end k events on in about 2 log2(k) reads: one when it is the next event.
 */
export function gallop(times: Float64Array, a: number, b: number, t: number): number {
  let lo = a;
  let step = 1;
  while (lo < b && (times[lo] ?? outOfBounds()) < t) {
    const next = lo + step;
    if (next >= b || (times[next] ?? outOfBounds()) >= t)
      return lowerBound(times, lo + 1, Math.min(next, b), t);
    lo = next + 1;
    step *= 2;
  }
  return lo;
}
