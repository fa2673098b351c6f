// Reading an element that the code knows is there. Under noUncheckedIndexedAccess `xs[i]` is
// `number | undefined`; write `xs[i] ?? outOfBounds()`: the read stays `number`, and an index outside
// the array (a bug upstream, never bad data) fails at once instead of flowing on as NaN.
//
// Why this shape and not a reader function (`f64At(xs, i)`): the load stays at its own site, so V8
// keeps its element-kind feedback per site as for a bare `xs[i]`, and once TurboFan has seen only
// in-bounds reads the load is typed as a number and the `??` folds away: the optimised code is the
// same as the bare read's. A reader must be inlined to cost nothing, and in the engine's long scan
// functions the inlining budget runs out, leaving a call per element (measured 5-12% slower).
// An element type that holds null keeps an explicit check: `??` would also replace the null.

export function outOfBounds(): never {
  throw new RangeError("an array was read outside its bounds (a bug in the caller: see the stack)");
}
