import fc from "fast-check";
import { expect, it } from "vitest";
import { timeToConvert } from "../../../src-main/engine/funnel/histogram.ts";

// The time-to-convert histogram against the rule written the slow way: a conversion time counts in
// the first bucket whose upper edge is at or above it, the window's bucket taking the rest.

it("counts each conversion time in the first bucket whose edge is at or above it", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 1_300_000 }),
      fc.array(
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 1_400_000 }),
            fc.constantFrom(10, 30, 60, 300, 3600, 86_400, 604_800),
            fc.double({ min: 0, max: 2_000_000, noNaN: true }),
            // none of these is a conversion time, but each has its bucket by the same rule
            fc.double(),
            fc.constantFrom(-0, -1, Number.POSITIVE_INFINITY, Number.NaN, 5e-324),
          ),
          { maxLength: 50 },
        ),
        { minLength: 1, maxLength: 4 },
      ),
      (windowSeconds, steps) => {
        // each step's times in chunks of 7, as a slice leaves them (its first chunks full, the last not)
        const diffs = steps.map((xs, k) =>
          k === 0
            ? []
            : Array.from({ length: Math.ceil(xs.length / 7) }, (_, c) =>
                Float64Array.from(xs.slice(7 * c, 7 * c + 7)),
              ),
        );
        const counts = steps.map((xs) => xs.length);
        const got = timeToConvert(diffs, counts, windowSeconds);
        const edges = got.bucketsSeconds;
        expect(edges[edges.length - 1]).toBe(windowSeconds);
        const want = steps.map((xs, k) => {
          const row = edges.map(() => 0);
          if (k === 0) return row;
          for (const x of xs) {
            // NaN is at or above no edge, yet lands in the first bucket (no edge is below it either)
            const b = Number.isNaN(x) ? 0 : edges.findIndex((e) => x <= e);
            const at = b < 0 ? edges.length - 1 : b;
            row[at] = (row[at] ?? 0) + 1;
          }
          return row;
        });
        expect(got.counts).toEqual(want);
      },
    ),
    { numRuns: 300 },
  );
});
