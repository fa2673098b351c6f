import type { TrendsFn, TrendsMeasure } from "../../../src-preload/contract/trends.ts";
import { outOfBounds } from "../typed-index.ts";
import { type Cells, quantile } from "./cells.ts";

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
  vals: number[] | null,
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
      return quantile(
        (vals as number[]).slice().sort((a, b) => a - b),
        fn,
      );
  }
}

export function finish(c: Cells, measure: TrendsMeasure, cumulative: boolean): Finished {
  const n = c.events.length;
  const values: (number | null)[] = new Array(n);
  if (typeof measure === "object") {
    const { fn } = measure;
    let sum = 0;
    let count = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    const all: number[] | null = c.vals ? [] : null;
    for (let k = 0; k < n; k++) {
      const v = c.vals ? (c.vals[k] ?? outOfBounds()) : null;
      if (!cumulative)
        values[k] = fnOf(
          fn,
          c.sum[k] ?? outOfBounds(),
          c.count[k] ?? outOfBounds(),
          c.min[k] ?? outOfBounds(),
          c.max[k] ?? outOfBounds(),
          v,
        );
      sum += c.sum[k] ?? outOfBounds();
      count += c.count[k] ?? outOfBounds();
      min = Math.min(min, c.min[k] ?? outOfBounds());
      max = Math.max(max, c.max[k] ?? outOfBounds());
      if (all && v) for (const x of v) all.push(x);
      if (cumulative) values[k] = fnOf(fn, sum, count, min, max, all);
    }
    return { values, total: fnOf(fn, sum, count, min, max, all) };
  }
  let events = 0;
  let users = 0;
  for (let k = 0; k < n; k++) {
    events += c.events[k] ?? outOfBounds();
    users += c.newUsers[k] ?? outOfBounds();
    const e = cumulative ? events : (c.events[k] ?? outOfBounds());
    const u = cumulative ? users : (c.users[k] ?? outOfBounds());
    if (measure === "events") values[k] = e;
    else if (measure === "users") values[k] = u;
    else values[k] = u === 0 ? null : e / u;
  }
  const total =
    measure === "events" ? events : measure === "users" ? users : users === 0 ? null : events / users;
  return { values, total };
}
