import type { TrendsFn, TrendsMeasure } from "../../../src-preload/contract/trends.ts";
import { outOfBounds } from "../typed-index.ts";
import type { Cells } from "./cells.ts";
import { quantileOfParts } from "./quantile.ts";

// A series' cells as the numbers the spec asks for: per bucket (or running, when cumulative) and
// the total over the range.

export interface Finished {
  values: (number | null)[];
  total: number | null;
}

function fnOf(
  fn: TrendsFn,
  sum: number,
  count: number,
  min: number,
  max: number,
  vals: readonly Float64Array[] | null,
): number | null {
  if (count === 0) return null;
  switch (fn) {
    case "sum":
      return sum;
    case "avg":
      return sum / count;
    case "min":
      return min;
    case "max":
      return max;
    default:
      return quantileOfParts(vals ?? [], fn);
  }
}

export function finish(cells: Cells, measure: TrendsMeasure, cumulative: boolean): Finished {
  const nBuckets = cells.events.length;
  const values: (number | null)[] = new Array(nBuckets);
  if (typeof measure === "object") {
    const { fn } = measure;
    let sum = 0;
    let count = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    // each bucket's values once as doubles; the running and total quantiles read them together
    const parts = cells.vals ? cells.vals.map((v) => Float64Array.from(v)) : null;
    for (let k = 0; k < nBuckets; k++) {
      const bucketValues = parts ? [parts[k] ?? outOfBounds()] : null;
      if (!cumulative)
        values[k] = fnOf(
          fn,
          cells.sum[k] ?? outOfBounds(),
          cells.count[k] ?? outOfBounds(),
          cells.min[k] ?? outOfBounds(),
          cells.max[k] ?? outOfBounds(),
          bucketValues,
        );
      sum += cells.sum[k] ?? outOfBounds();
      count += cells.count[k] ?? outOfBounds();
      min = Math.min(min, cells.min[k] ?? outOfBounds());
      max = Math.max(max, cells.max[k] ?? outOfBounds());
      if (cumulative) values[k] = fnOf(fn, sum, count, min, max, parts ? parts.slice(0, k + 1) : null);
    }
    return { values, total: fnOf(fn, sum, count, min, max, parts) };
  }
  let events = 0;
  let users = 0;
  for (let k = 0; k < nBuckets; k++) {
    events += cells.events[k] ?? outOfBounds();
    users += cells.newUsers[k] ?? outOfBounds();
    const eventCount = cumulative ? events : (cells.events[k] ?? outOfBounds());
    const userCount = cumulative ? users : (cells.users[k] ?? outOfBounds());
    if (measure === "events") values[k] = eventCount;
    else if (measure === "users") values[k] = userCount;
    else values[k] = userCount === 0 ? null : eventCount / userCount;
  }
  const total =
    measure === "events" ? events : measure === "users" ? users : users === 0 ? null : events / users;
  return { values, total };
}
