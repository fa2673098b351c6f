// Slices' lists joined in slice order (members' ids, sessions' lengths): one array of the total
// length, each list copied in after the one before.

export function concatenated<T extends Int32Array | Float64Array>(
  make: (length: number) => T,
  lists: readonly T[],
): T {
  const out = make(lists.reduce((n, list) => n + list.length, 0));
  let at = 0;
  for (const list of lists) {
    out.set(list, at);
    at += list.length;
  }
  return out;
}
