import { outOfBounds } from "../typed-index.ts";

/**
 * One array of counts picked from each query worker's slice, added element by element (the slices'
 * counts are of different users, so they add up to the whole).
 */
export function addPicked<T>(parts: readonly T[], pick: (counts: T) => ArrayLike<number>): number[] {
  const [first, ...rest] = parts;
  if (first === undefined) return [];
  return Array.from(pick(first), (value, i) =>
    rest.reduce((sum, p) => sum + (pick(p)[i] ?? outOfBounds()), value),
  );
}
