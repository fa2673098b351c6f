import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ranksOfParts, selectable } from "../../../src-main/engine/metrics/ranks-of-parts.ts";

// The positions of several lists taken together must be those of one typed-array sort of all their
// values (-0 before 0, NaN last), whichever way they are found: by blocks of bits, by selection on
// a copy, or by sorting the copy.

/** The reference: every value in one array, sorted as a typed array sorts. */
function sortedAt(xs: readonly number[], ranks: readonly number[]): number[] {
  const sorted = Float64Array.from(xs).sort();
  return ranks.map((r) => sorted[r] as number);
}

const value = fc.oneof(
  fc.integer({ min: -3, max: 3 }).map((x) => x / 2),
  fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.double(),
);

/** Values cut into parts at random places, and ranks inside them. */
// "max": fast-check's default size would keep the lists to a dozen values, below radixFrom's 64
const cutValues = fc.array(value, { minLength: 1, maxLength: 200, size: "max" }).chain((xs) =>
  fc.record({
    xs: fc.constant(xs),
    cuts: fc.array(fc.nat(xs.length), { maxLength: 4 }),
    ranks: fc.array(fc.nat(xs.length - 1), { minLength: 1, maxLength: 9 }),
  }),
);

describe("ranksOfParts", () => {
  it("equals one sort of all the values, by blocks of bits or from a copy, and leaves the parts as they were", () => {
    fc.assert(
      fc.property(
        cutValues,
        fc.constantFrom(0, 64, Number.POSITIVE_INFINITY),
        ({ xs, cuts, ranks }, radixFrom) => {
          const at = [0, ...[...cuts].sort((a, b) => a - b), xs.length];
          const parts = at.slice(1).map((end, i) => Float64Array.from(xs.slice(at[i], end)));
          const before = parts.map((p) => Array.from(p));
          const found = ranksOfParts(parts, ranks, radixFrom);
          const want = sortedAt(xs, ranks);
          // toBe tells -0 from 0 and NaN from any number, as the sort does
          for (const [i, w] of want.entries()) expect(found[i], `rank ${ranks[i]}`).toBe(w);
          expect(parts.map((p) => Array.from(p))).toEqual(before);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("finds ranks in many blocks of bits, and with both zeros among them", () => {
    const xs = Array.from({ length: 5000 }, (_, i) =>
      i % 7 === 0 ? -0 : i % 5 === 0 ? 0 : ((i * 7919) % 1000) - 500,
    );
    const parts = [Float64Array.from(xs.slice(0, 1234)), Float64Array.from(xs.slice(1234))];
    const ranks = [0, 1, 700, 714, 715, 1000, 2500, 4999];
    const found = ranksOfParts(parts, ranks);
    for (const [i, w] of sortedAt(xs, ranks).entries()) expect(found[i]).toBe(w);
  });
});

describe("selectable", () => {
  it("is false exactly when a value is NaN or -0", () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 30 }), (xs) => {
        expect(selectable(xs)).toBe(!xs.some((x) => Number.isNaN(x) || Object.is(x, -0)));
      }),
    );
  });
});
