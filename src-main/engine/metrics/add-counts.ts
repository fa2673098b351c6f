import { outOfBounds } from "../typed-index.ts";

// Query workers count slices of different users, so their counts add up to the whole: these add
// them, element by element. Slices of one query have arrays of one length; a shorter one is a bug.

/** Adds `more` into `sums`, element by element. */
export function addInto(
  sums: { [i: number]: number; readonly length: number },
  more: ArrayLike<number>,
): void {
  for (let i = 0; i < sums.length; i++) sums[i] = (sums[i] ?? outOfBounds()) + (more[i] ?? outOfBounds());
}

/** One array of counts picked from each slice, added up into a new array. */
export function addPicked<T>(parts: readonly T[], pick: (counts: T) => ArrayLike<number>): number[] {
  const [first, ...rest] = parts;
  if (first === undefined) return [];
  const sums = Array.from(pick(first));
  for (const p of rest) addInto(sums, pick(p));
  return sums;
}
