import { concatenated } from "../concatenated.ts";
import { outOfBounds } from "../typed-index.ts";
import { radixRanks } from "./radix-ranks.ts";
import { selectRanks } from "./select.ts";

// A few positions of several lists of doubles taken together, in a typed-array sort's order (-0
// before 0, NaN last): a funnel step's or a session length's median over the query workers'
// slices, a trends bucket's median or 90th percentile, RFM's quintile edges. The lists are read
// where they lie when radix-ranks.ts takes them; otherwise one copy is made, and a selection finds
// the positions when `<` orders the copy as the sort does, the sort when it does not.

/**
 * Whether `<` orders the values as a typed-array sort does: no NaN, which compares with nothing, and
 * no -0, which the sort puts before 0 and `<` does not.
 */
export function selectable(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? outOfBounds();
    // -0 is the zero whose reciprocal is below zero (Object.is took a trends median 10-30% longer)
    if (Number.isNaN(v) || (v === 0 && 1 / v < 0)) return false;
  }
  return true;
}

/**
 * The value at each of `ranks` (0-based) of every part's values sorted ascending, the parts left as
 * they are. `radixFrom`: below this many values the copy is taken at once (radixRanks' fixed cost,
 * a 256 KB table cleared and maps built, is ~10-30 µs a call, more than selecting a few hundred).
 */
export function ranksOfParts(
  parts: readonly Float64Array[],
  ranks: readonly number[],
  radixFrom = 0,
): number[] {
  let n = 0;
  for (const p of parts) n += p.length;
  const found = n >= radixFrom ? radixRanks(parts, ranks) : null;
  if (found) return found;
  const all = concatenated((length) => new Float64Array(length), parts);
  if (selectable(all)) return selectRanks(all, ranks);
  all.sort();
  return ranks.map((rank) => all[rank] ?? outOfBounds());
}
