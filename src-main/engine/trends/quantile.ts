import { ranksOfParts } from "../metrics/ranks-of-parts.ts";
import { outOfBounds } from "../typed-index.ts";

// A series' median or 90th percentile of a property, per bucket and over the range.

/**
 * Below this many values a copy and a selection beat radixRanks (ranks-of-parts.ts): a median
 * broken down by a value of many distinct values asks for one per (value, bucket) cell.
 */
const RADIX_FROM = 2048;

/**
 * median: the mean of the two middle values of an even count; p90: the ceil(0.9 n)-th smallest; of
 * every part's values taken together (left as they are), by selection rather than a sort: sorting
 * a day's 2.6M prices with a comparator, and again all of them for the total, took a trends median
 * at 100M events 2.1 s of its 6 s. null when there are none; a zero is +0 whichever zero was picked
 * (the selection orders -0 before 0, the sort it replaced kept them as they came).
 */
export function quantileOfParts(parts: readonly Float64Array[], fn: "median" | "p90"): number | null {
  let n = 0;
  for (const p of parts) n += p.length;
  if (n === 0) return null;
  const h = n >> 1;
  const ranks = fn === "p90" ? [Math.max(0, Math.ceil(0.9 * n) - 1)] : n % 2 === 1 ? [h] : [h - 1, h];
  const at = ranksOfParts(parts, ranks, RADIX_FROM);
  const upper = at[at.length - 1] ?? outOfBounds();
  return (ranks.length === 1 ? upper : ((at[0] ?? outOfBounds()) + upper) / 2) + 0;
}
