import fc from "fast-check";
import { expect, it } from "vitest";
import { firstAtOrAfter, gallop, lowerBound } from "../../../src-main/engine/time-search.ts";

// The searches against a walk from the slice's start: the first index in [a, b) whose time is at
// least t, or b. Times repeat and the bound falls before, inside, on and after them.

function walk(times: Float64Array, a: number, b: number, t: number): number {
  let i = a;
  while (i < b && (times[i] as number) < t) i++;
  return i;
}

const slice = fc
  .array(fc.integer({ min: 0, max: 20 }), { maxLength: 24 })
  .chain((xs) => {
    const times = Float64Array.from(xs.sort((x, y) => x - y));
    return fc.tuple(
      fc.constant(times),
      fc.integer({ min: 0, max: times.length }),
      fc.integer({ min: 0, max: times.length }),
      fc.integer({ min: -2, max: 22 }),
    );
  })
  .map(([times, i, j, t]) => ({ times, a: Math.min(i, j), b: Math.max(i, j), t }));

it("lowerBound, firstAtOrAfter and gallop find what a walk from the start finds", () => {
  fc.assert(
    fc.property(slice, ({ times, a, b, t }) => {
      const want = walk(times, a, b, t);
      expect(lowerBound(times, a, b, t)).toBe(want);
      expect(firstAtOrAfter(times, a, b, t)).toBe(want);
      expect(gallop(times, a, b, t)).toBe(want);
    }),
    { numRuns: 2000 },
  );
});
