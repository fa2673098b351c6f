// engine/metrics/quintiles.ts's quintileScores and quintileEdges over a histogram of the values instead
// of the values themselves: a score depends only on how many values lie below (or above) a value,
// and an edge is the value at a position of the sorted values, both of which a histogram holds. So
// the cluster sends (value, count) pairs, not one row per user, and the answers are the same.

/** (value, count) pairs, values ascending and distinct. */
export type Histogram = [value: number, count: number][];

/** Each value's score, floor(5 · below / n) + 1, below = values strictly lower (higher when reversed). */
export function histogramScores(h: Histogram, n: number, reversed: boolean): Map<number, number> {
  const out = new Map<number, number>();
  let lower = 0;
  for (const [v, c] of h) {
    const below = reversed ? n - lower - c : lower;
    out.set(v, Math.floor((5 * below) / n) + 1);
    lower += c;
  }
  return out;
}

/** The values at positions min(n - 1, ceil(k · n / 5)), k = 1..4, of the sorted (descending when reversed) values. */
export function histogramEdges(h: Histogram, n: number, reversed: boolean): number[] {
  if (n === 0) return [];
  const order = reversed ? [...h].reverse() : h;
  return [1, 2, 3, 4].map((k) => {
    const pos = Math.min(n - 1, Math.ceil((k * n) / 5));
    let seen = 0;
    for (const [v, c] of order) {
      seen += c;
      if (pos < seen) return v;
    }
    return Number.NaN;
  });
}
