import type { TrendsFn } from "../../../src-preload/contract/trends.ts";
import { outOfBounds } from "../typed-index.ts";

// What a series gathers for one breakdown value, bucket by bucket. Distinct users are counted
// with a per-bucket stamp (the last user index counted), which works because the scan finishes
// one user before it starts the next.

export interface Cells {
  events: Float64Array;
  /** distinct users per bucket */
  users: Float64Array;
  /** users whose first matching event (for this value) is in the bucket: cumulative distinct users */
  newUsers: Float64Array;
  lastUser: Int32Array;
  lastTotalUser: number;
  sum: Float64Array;
  count: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** the values themselves, per bucket, for median and p90 */
  vals: number[][] | null;
}

export function newCells(n: number, fn: TrendsFn | null): Cells {
  return {
    events: new Float64Array(n),
    users: new Float64Array(n),
    newUsers: new Float64Array(n),
    lastUser: new Int32Array(n).fill(-1),
    lastTotalUser: -1,
    sum: new Float64Array(n),
    count: new Float64Array(n),
    min: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
    max: new Float64Array(n).fill(Number.NEGATIVE_INFINITY),
    vals: fn === "median" || fn === "p90" ? Array.from({ length: n }, () => []) : null,
  };
}

/** Adds b's events and property values into a (users are merged from the hits, never summed). */
export function mergeValuesInto(a: Cells, b: Cells): void {
  for (let k = 0; k < a.events.length; k++) {
    a.events[k] = (a.events[k] ?? outOfBounds()) + (b.events[k] ?? outOfBounds());
    a.sum[k] = (a.sum[k] ?? outOfBounds()) + (b.sum[k] ?? outOfBounds());
    a.count[k] = (a.count[k] ?? outOfBounds()) + (b.count[k] ?? outOfBounds());
    a.min[k] = Math.min(a.min[k] ?? outOfBounds(), b.min[k] ?? outOfBounds());
    a.max[k] = Math.max(a.max[k] ?? outOfBounds(), b.max[k] ?? outOfBounds());
    if (a.vals && b.vals) for (const x of b.vals[k] ?? outOfBounds()) (a.vals[k] ?? outOfBounds()).push(x);
  }
}
