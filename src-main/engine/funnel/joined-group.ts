import type { PropValue } from "../columns/types.ts";
import { outOfBounds } from "../typed-index.ts";
import type { Group } from "./result.ts";

// A group as the slices of users left it: each step's seconds stay in the slices' arrays, in slice
// order, instead of being copied into one (at 100M events that copy was 180 ms of a funnel's merge
// on the main thread, after both workers were done). The medians read the parts where they lie
// (median.ts medianOfParts) and the sums add them in the same order a copy would have.

export interface JoinedGroup {
  value: PropValue;
  counts: number[];
  /** per step, the slices' arrays of seconds; their lengths add up to the step's count */
  parts: Float64Array[][];
}

/** One group of `n` steps from groups of one value (slices' or breakdown values'), in order. */
export function joinGroups(gs: readonly (Group | JoinedGroup)[], n: number): JoinedGroup {
  const out: JoinedGroup = {
    value: gs[0]?.value ?? null,
    counts: new Array<number>(n).fill(0),
    parts: Array.from({ length: n }, () => []),
  };
  for (const g of gs) {
    for (let k = 0; k < n; k++) {
      const count = g.counts[k] ?? outOfBounds();
      out.counts[k] = (out.counts[k] ?? outOfBounds()) + count;
      // step 0 has no seconds (there is no previous step)
      if (k === 0 || count === 0) continue;
      const into = out.parts[k] ?? outOfBounds();
      into.push(...(("parts" in g ? g.parts[k] : g.diffs[k]) ?? outOfBounds()));
    }
  }
  return out;
}
