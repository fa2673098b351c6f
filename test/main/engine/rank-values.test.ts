import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { valuesAtRanks } from "../../../src-main/engine/metrics/quintiles.ts";

// the reference: the whole typed-array sort, then the value at each rank
function bySorting(values: number[], ranks: number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  return ranks.map((rank) => sorted[rank] ?? Number.NaN);
}

const plain = fc.double({ noNaN: true, noDefaultInfinity: false }).filter((v) => !Object.is(v, -0));

describe("valuesAtRanks", () => {
  it("equals the sorted order's value at every rank, duplicates and runs included", () => {
    const values = fc.oneof(
      fc.array(plain, { minLength: 1, maxLength: 300 }),
      fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 300 }),
      fc.array(plain, { minLength: 1, maxLength: 300 }).map((xs) => xs.sort((a, b) => a - b)),
      fc.array(plain, { minLength: 1, maxLength: 300 }).map((xs) => xs.sort((a, b) => b - a)),
    );
    fc.assert(
      fc.property(
        values.chain((xs) =>
          fc.tuple(fc.constant(xs), fc.array(fc.nat(xs.length - 1), { minLength: 1, maxLength: 9 })),
        ),
        ([xs, ranks]) => {
          expect(valuesAtRanks(xs, ranks)).toEqual(bySorting(xs, ranks));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("answers an input built to defeat its pivots (organ pipe, many equal halves) in order", () => {
    const n = 100_000;
    const pipe = Array.from({ length: n }, (_, i) => (i < n / 2 ? i : n - i));
    const ranks = [0, 1, n >> 2, n >> 1, n - 2, n - 1];
    expect(valuesAtRanks(pipe, ranks)).toEqual(bySorting(pipe, ranks));
    const halves = Array.from({ length: n }, (_, i) => (i % 2 ? 1.5 : 0.25));
    expect(valuesAtRanks(halves, ranks)).toEqual(bySorting(halves, ranks));
  });
});
