import { outOfBounds } from "../typed-index.ts";

// The values at a few ranks of a sorted order, for quintile scores (stats.ts), which need eight
// order statistics of up to a million values, not the whole order: sorting a million floats took
// about 40 ms of rfm's time at 10M events, selecting them takes a few.

/**
 * The value at each of `ranks` (0-based) in `values` sorted ascending. For values without NaN and
 * without -0, whose order under `<` is the typed-array sort's order. A three-way quickselect that
 * narrows on every wanted rank at once; a range it has split too often is sorted instead, so
 * adversarial inputs cost n log n, not n².
 */
export function valuesAtRanks(values: ArrayLike<number>, ranks: readonly number[]): number[] {
  const work = Float64Array.from(values);
  const wanted = [...new Set(ranks)].sort((a, b) => a - b);
  const found = new Map<number, number>();
  let budget = 64 + 4 * Math.ceil(Math.log2(work.length + 1));
  // ranges still to split, each with the slice of `wanted` that falls in it
  const stack: [number, number, number, number][] = [[0, work.length - 1, 0, wanted.length]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [lo, hi, from, to] = top;
    if (from >= to) continue;
    if (hi - lo < 16 || budget-- <= 0) {
      const slice = work.subarray(lo, hi + 1).sort();
      for (let slot = from; slot < to; slot++) {
        const rank = wanted[slot] ?? outOfBounds();
        found.set(rank, slice[rank - lo] ?? outOfBounds());
      }
      continue;
    }
    const pivot = medianOfThree(work, lo, (lo + hi) >>> 1, hi);
    // [lo, less) < pivot, [less, more] === pivot, (more, hi] > pivot
    let less = lo;
    let more = hi;
    let at = lo;
    while (at <= more) {
      const value = work[at] ?? outOfBounds();
      if (value < pivot) {
        work[at++] = work[less] ?? outOfBounds();
        work[less++] = value;
      } else if (value > pivot) {
        work[at] = work[more] ?? outOfBounds();
        work[more--] = value;
      } else at++;
    }
    let split = from;
    while (split < to && (wanted[split] ?? outOfBounds()) < less) split++;
    let after = split;
    while (after < to && (wanted[after] ?? outOfBounds()) <= more)
      found.set(wanted[after++] ?? outOfBounds(), pivot);
    stack.push([lo, less - 1, from, split], [more + 1, hi, after, to]);
  }
  return ranks.map((rank) => found.get(rank) ?? outOfBounds());
}

function medianOfThree(work: Float64Array, a: number, b: number, c: number): number {
  const x = work[a] ?? outOfBounds();
  const y = work[b] ?? outOfBounds();
  const z = work[c] ?? outOfBounds();
  if (x < y) return y < z ? y : Math.max(x, z);
  return x < z ? x : Math.max(y, z);
}
