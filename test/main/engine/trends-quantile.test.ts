import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quantileOfParts } from "../../../src-main/engine/trends/quantile.ts";

// A trends median or p90 by selection over a bucket's values (or several buckets' together) must be
// what sorting them all and reading the spec's position gives.

/** The spec's reading of a sorted list: the mean of the two middle values, or the ceil(0.9 n)-th. */
function bySorting(values: number[], fn: "median" | "p90"): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return null;
  if (fn === "p90") return sorted[Math.ceil(0.9 * n) - 1] ?? null;
  const mid = Math.floor(n / 2);
  const upper = sorted[mid] ?? null;
  if (n % 2 === 1 || upper === null) return upper;
  return ((sorted[mid - 1] ?? Number.NaN) + upper) / 2;
}

const value = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
  fc.constantFrom(0.1, 0.2, 0.30000000000000004, 1e-300, -1e300, -0, 0),
);

/** What the selection declines (radixRanks takes finite values only), though prices never hold it. */
const anyDouble = fc.oneof(value, fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY));

describe("a trends quantile of a property", () => {
  it("is the sorted values' median or p90, over any split into buckets", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(anyDouble, { maxLength: 40 }), { maxLength: 6 }),
        fc.constantFrom<"median" | "p90">("median", "p90"),
        (buckets, fn) => {
          const parts = buckets.map((b) => Float64Array.from(b));
          const before = parts.map((p) => Array.from(p));
          const got = quantileOfParts(parts, fn);
          const want = bySorting(buckets.flat(), fn);
          // equal as numbers (a -0 and a 0 may swap places: both read as 0)
          expect(got === null ? null : got + 0).toBe(want === null ? null : want + 0);
          // the buckets are left as they were
          expect(parts.map((p) => Array.from(p))).toEqual(before);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("is the same through the radix selection, over buckets of thousands of values", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(anyDouble, { minLength: 600, maxLength: 1500 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom<"median" | "p90">("median", "p90"),
        (buckets, fn) => {
          const got = quantileOfParts(
            buckets.map((b) => Float64Array.from(b)),
            fn,
          );
          const want = bySorting(buckets.flat(), fn);
          expect(got === null ? null : got + 0).toBe(want === null ? null : want + 0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("reads a large bucket without sorting it: 200,001 values, median and p90", () => {
    const values = Array.from({ length: 200_001 }, (_, i) => ((i * 7919) % 200_001) - 100_000);
    const parts = [Float64Array.from(values.slice(0, 50_000)), Float64Array.from(values.slice(50_000))];
    expect(quantileOfParts(parts, "median")).toBe(0);
    expect(quantileOfParts(parts, "p90")).toBe(bySorting(values, "p90"));
  });
});
