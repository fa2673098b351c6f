import fc from "fast-check";
import { expect, it } from "vitest";
import { bucketIndex, bucketNear } from "../../../src-main/engine/calendar.ts";

// The bucket of an instant against a walk over the bounds: -1 before the first, n at or after the
// last, else the k with bounds[k] <= t < bounds[k + 1]. Buckets of unequal widths (months, a day
// with a clock change, anything) move bucketNear's first guess; instants fall on bounds too.

function walk(bounds: Float64Array, t: number): number {
  const n = bounds.length - 1;
  if (t < (bounds[0] as number)) return -1;
  let k = 0;
  while (k < n && (bounds[k + 1] as number) <= t) k++;
  return k;
}

const bucketsAndInstant = fc
  .array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 40 })
  .chain((widths) => {
    const bounds = new Float64Array(widths.length + 1);
    bounds[0] = 1_700_000_000_000;
    widths.forEach((w, k) => {
      bounds[k + 1] = (bounds[k] as number) + w * 3_600_000;
    });
    const first = bounds[0] as number;
    const last = bounds[widths.length] as number;
    return fc.tuple(
      fc.constant(bounds),
      fc.oneof(
        fc.integer({ min: first - 7_200_000, max: last + 7_200_000 }),
        fc.constantFrom(...bounds),
        fc.constantFrom(...Array.from(bounds, (b) => b - 1)),
      ),
    );
  });

it("bucketNear and bucketIndex place an instant where a walk over the bounds does", () => {
  fc.assert(
    fc.property(bucketsAndInstant, ([bounds, t]) => {
      const want = walk(bounds, t);
      expect(bucketNear(bounds, t)).toBe(want);
      expect(bucketIndex(bounds, t)).toBe(want);
    }),
    { numRuns: 3000 },
  );
});
