import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bucketOf, inverseUp } from "../../../src-main/engine/metrics/bucket.ts";

// bucketOf's definition is floor(offset / width), the division it replaces: checked against the
// division itself on bucket edges, a hair either side of them, and anywhere between, for the widths
// the engine uses and any whole width below 2^22.

/** the largest double below x (x > 0) */
function below(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) - 1n);
  return view.getFloat64(0);
}

const WIDTHS = [1_000, 60_000, 3_600_000, 86_400_000 / 24, 86_400_000 / 4];

describe("bucketOf", () => {
  it("is the quotient's integer part on and around every edge of the first 200,000 hours and days", () => {
    for (const width of [3_600_000, 86_400_000]) {
      const inverse = inverseUp(width);
      for (let k = 0; k < 200_000; k++) {
        const edge = k * width;
        for (const offset of k === 0 ? [0, 0.25] : [edge, below(edge), edge + 2 ** -12, edge - 1])
          if (bucketOf(offset, width, inverse) !== Math.floor(offset / width))
            expect.fail(`width ${width}, offset ${offset}: ${bucketOf(offset, width, inverse)}`);
      }
    }
  });

  it("is the quotient's integer part for any offset of its domain", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...WIDTHS, 86_400_000), fc.integer({ min: 1, max: 2 ** 22 - 1 })),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.oneof(
          fc.constantFrom("edge", "below", "last ms"),
          fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        ),
        (width, k, where) => {
          const edge = k * width;
          if (edge >= 2 ** 53) return;
          const offset =
            where === "edge"
              ? edge
              : where === "below"
                ? edge > 0
                  ? below(edge)
                  : 0
                : where === "last ms"
                  ? Math.max(0, edge - 1)
                  : edge + where * width;
          if (!(offset < width * 2 ** 31)) return;
          expect(bucketOf(offset, width, inverseUp(width))).toBe(Math.floor(offset / width));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
