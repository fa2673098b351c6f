import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { radixRanks } from "../../../src-main/engine/metrics/radix-ranks.ts";

// Order statistics found by blocks of the values' bits, against a sorted copy of all the values.

const finite = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  // values packed into a few blocks (prices a cent apart), where one block holds most ranks
  fc.integer({ min: 6_400, max: 6_800 }).map((c) => c / 100),
  fc.constantFrom(-0, 0, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE),
);
const parts = fc.array(fc.array(finite, { maxLength: 60 }), { minLength: 1, maxLength: 3 });

describe("radixRanks", () => {
  it("finds the values a sort puts at each rank, -0 before 0, across parts", () => {
    fc.assert(
      fc.property(parts, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (xs, picks) => {
        const all = Float64Array.from(xs.flat()).sort();
        fc.pre(all.length > 0);
        const ranks = picks.map((p) => p % all.length);
        const got = radixRanks(
          xs.map((x) => Float64Array.from(x)),
          ranks,
        );
        // Object.is: -0 and 0 are different answers
        expect(got?.map((v) => (Object.is(v, -0) ? "-0" : v))).toEqual(
          ranks.map((r) => (Object.is(all[r], -0) ? "-0" : all[r])),
        );
      }),
    );
  });

  it("reads views at any offset of their buffer", () => {
    const buffer = new Float64Array([9, 3, 7, 1, 5, 8]);
    expect(radixRanks([buffer.subarray(1, 4), buffer.subarray(4)], [0, 2, 4])).toEqual([1, 5, 8]);
  });

  it("leaves ranks in more blocks than its slots can number to the caller", () => {
    const values = Float64Array.from({ length: 300 }, (_, i) => 2 ** i);
    const everyRank = Array.from({ length: 300 }, (_, i) => i);
    expect(radixRanks([values], everyRank)).toBeNull();
    expect(radixRanks([values], [0, 299])).toEqual([1, 2 ** 299]);
  });

  it("leaves NaN and the infinities to the caller's sort", () => {
    for (const odd of [Number.NaN, -Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(radixRanks([Float64Array.from([1, odd, 2])], [1])).toBeNull();
    }
  });
});
