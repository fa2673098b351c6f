import type { FunnelResult } from "../../../src-preload/contract/results.ts";
import { lowerBound } from "../time-search.ts";
import { outOfBounds } from "../typed-index.ts";

// The time-to-convert chart's histogram: seconds from the previous step, per step, in buckets with
// round upper edges up to the funnel's window (no conversion can take longer).

const EDGES = [
  10, 30, 60, 300, 600, 1800, 3600, 10_800, 21_600, 43_200, 86_400, 172_800, 259_200, 604_800, 1_209_600,
];

export function timeToConvert(
  diffs: readonly Float64Array[],
  counts: readonly number[],
  windowSeconds: number,
): NonNullable<FunnelResult["timeToConvert"]> {
  const bucketsSeconds = [...EDGES.filter((e) => e < windowSeconds), windowSeconds];
  const edges = Float64Array.from(bucketsSeconds);
  const last = edges.length - 1;
  const hist = counts.map((n, k) => {
    const row = new Float64Array(edges.length);
    if (k > 0) {
      const d = diffs[k] ?? outOfBounds();
      for (let i = 0; i < n; i++) {
        // the first edge at or above x, else the last bucket: four halvings of up to 16 edges, where
        // a walk from the first took as many steps as the bucket's index (5M conversion times:
        // 35 ms against 65)
        const b = lowerBound(edges, 0, last, d[i] ?? outOfBounds());
        row[b] = (row[b] ?? outOfBounds()) + 1;
      }
    }
    return Array.from(row);
  });
  return { bucketsSeconds, counts: hist };
}
