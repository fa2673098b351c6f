// Reading an element that the code knows is there. Under noUncheckedIndexedAccess `xs[i]` is
// `number | undefined`; write `xs[i] ?? outOfBounds()`: the read stays `number`, and an index outside
// the array (a bug upstream, never bad data) fails at once instead of flowing on as NaN.
//
// Why this shape and not a reader function (`f64At(xs, i)`, branch typed-index): the load stays at
// its own site, so V8 keeps element-kind feedback per site as for a bare `xs[i]`; with in-bounds
// feedback the load is typed as a number and the `??` has nothing left to test. Measured with
// interleaved runs of bench/engine-cpu.ts: within noise of the casts, while the readers (inlined,
// per --trace-turbo-inlining) were 10-40% slower in the same runs; a likely cause is that a
// reader's load has one feedback slot shared by all its callers' arrays.
// An element type that holds null keeps an explicit check: `??` would also replace the null.

export function outOfBounds(): never {
  throw new RangeError("an array was read outside its bounds (a bug in the caller: see the stack)");
}
