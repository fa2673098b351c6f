// Reading an element that the code knows is there. Under noUncheckedIndexedAccess `a[i]` is
// `number | undefined`; these read it, and an index outside the array (a bug upstream, never bad
// data) fails at once naming the index, instead of flowing on as NaN or 0.
//
// One function per array type on purpose: V8 keeps type feedback per function, so a single helper
// called with every kind of array would see so many shapes that its element loads go megamorphic,
// and the engine's hot loops would pay for that on every read.

function outside(index: number, length: number): never {
  throw new RangeError(`index ${index} is outside an array of length ${length}`);
}

export function f64At(values: Float64Array, index: number): number {
  const v = values[index];
  return v === undefined ? outside(index, values.length) : v;
}

export function f32At(values: Float32Array, index: number): number {
  const v = values[index];
  return v === undefined ? outside(index, values.length) : v;
}

export function i32At(values: Int32Array, index: number): number {
  const v = values[index];
  return v === undefined ? outside(index, values.length) : v;
}

export function i16At(values: Int16Array, index: number): number {
  const v = values[index];
  return v === undefined ? outside(index, values.length) : v;
}

export function i8At(values: Int8Array, index: number): number {
  const v = values[index];
  return v === undefined ? outside(index, values.length) : v;
}

export function u16At(values: Uint16Array, index: number): number {
  const v = values[index];
  return v === undefined ? outside(index, values.length) : v;
}

/** Also for a Buffer, which is a Uint8Array. */
export function u8At(values: Uint8Array, index: number): number {
  const v = values[index];
  return v === undefined ? outside(index, values.length) : v;
}

/** A plain array of numbers. */
export function numAt(values: readonly number[], index: number): number {
  const v = values[index];
  return v === undefined ? outside(index, values.length) : v;
}

/** An array-like of numbers whose concrete type varies between callers (the slower, general case). */
export function arrayLikeAt(values: ArrayLike<number>, index: number): number {
  const v = values[index];
  return v === undefined ? outside(index, values.length) : v;
}

/** An element of a plain array of anything else (a matrix's row, a period's name). */
export function itemAt<T>(values: readonly T[], index: number): T {
  const v = values[index];
  return v === undefined ? outside(index, values.length) : v;
}
