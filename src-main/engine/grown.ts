// Arrays filled to a count not known up front (the scored users of an rfm slice, the paying events of
// a revenue slice) start small and double: one slot per user or event would be mostly unused, and
// its size in fresh memory makes V8 collect every isolate's heap.

/** A copy of `a` in a new array of `capacity` slots (at least a's length). */
export function grown<T extends Int32Array | Float64Array>(
  make: (n: number) => T,
  a: T,
  capacity: number,
): T {
  const out = make(capacity);
  out.set(a);
  return out;
}
