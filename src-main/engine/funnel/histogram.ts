import type { FunnelResult } from "../../../src-preload/contract/results.ts";
import { outOfBounds } from "../typed-index.ts";

// The time-to-convert chart's histogram: seconds from the previous step, per step, in buckets with
// round upper edges up to the funnel's window (no conversion can take longer).

const EDGES = [
  10, 30, 60, 300, 600, 1800, 3600, 10_800, 21_600, 43_200, 86_400, 172_800, 259_200, 604_800, 1_209_600,
];

export function timeToConvert(
  diffs: readonly (readonly Float64Array[])[],
  counts: readonly number[],
  windowSeconds: number,
): NonNullable<FunnelResult["timeToConvert"]> {
  const bucketsSeconds = [...EDGES.filter((e) => e < windowSeconds), windowSeconds];
  const last = bucketsSeconds.length - 1;
  // the edges below the last in 16 slots, the rest +Infinity (EDGES has 15): a value's bucket is the
  // count of those edges below it, found in four halvings that compile to conditional moves (a
  // binary search's branches mispredict about every other step: 855k conversion times of the
  // 10M-event bench took 13 ms, now 2-4; a loop over the halvings kept its branches, 9 ms)
  const edges = new Float64Array(16).fill(Number.POSITIVE_INFINITY);
  edges.set(bucketsSeconds.slice(0, last));
  const hist = counts.map((n, k) => {
    const row = new Float64Array(bucketsSeconds.length);
    if (k > 0 && n > 0)
      for (const d of diffs[k] ?? outOfBounds())
        for (let i = 0; i < d.length; i++) {
          const x = d[i] ?? outOfBounds();
          let b = x > (edges[7] ?? outOfBounds()) ? 8 : 0;
          b = x > (edges[b + 3] ?? outOfBounds()) ? b + 4 : b;
          b = x > (edges[b + 1] ?? outOfBounds()) ? b + 2 : b;
          b = x > (edges[b] ?? outOfBounds()) ? b + 1 : b;
          row[b] = (row[b] ?? outOfBounds()) + 1;
        }
    return Array.from(row);
  });
  return { bucketsSeconds, counts: hist };
}
