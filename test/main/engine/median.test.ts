import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { medianOf, medianOfParts, medianWithZeros } from "../../../src-main/engine/funnel/median.ts";

/** The reference: the middle of the sorted values (mean of the two middle ones for an even count). */
function slowMedian(xs: readonly number[]): number | null {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length === 0
    ? null
    : s.length % 2
      ? (s[h] ?? null)
      : ((s[h - 1] as number) + (s[h] as number)) / 2;
}

describe("medianOf", () => {
  // conversion times: whole and fractional seconds over a week, many repeated, some spread over
  // many blocks of bits, with infinities now and then (those take the copy and the selection)
  const seconds = fc.oneof(
    fc.integer({ min: 0, max: 604_800 }),
    fc.integer({ min: 0, max: 604_800_000 }).map((ms) => ms / 1000),
    fc.constantFrom(0, 1, 3600, 86_400),
  );
  const values = fc.oneof(
    fc.array(seconds, { maxLength: 300 }),
    fc.array(fc.oneof(seconds, fc.constant(Number.POSITIVE_INFINITY)), { maxLength: 60 }),
    // -0 as +0: the sorted reference keeps the two zeros in their input order, the blocks of bits put
    // -0 first (a conversion time is never -0: x - x is +0)
    fc.array(
      fc.double({ noNaN: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
      { maxLength: 60 },
    ),
  );

  it("equals the middle of the sorted values and leaves them as they were", () => {
    fc.assert(
      fc.property(values, (xs) => {
        const a = Float64Array.from(xs);
        expect(medianOf(a)).toBe(slowMedian(xs));
        expect(Array.from(a)).toEqual(xs);
      }),
      { numRuns: 400 },
    );
  });

  it("of parts equals the median of the parts' values taken together, and leaves them as they were", () => {
    fc.assert(
      fc.property(values, fc.array(fc.nat(), { maxLength: 4 }), (xs, cuts) => {
        const at = [0, ...cuts.map((c) => c % (xs.length + 1)).sort((a, b) => a - b), xs.length];
        const parts = at.slice(1).map((end, i) => Float64Array.from(xs.slice(at[i], end)));
        expect(medianOfParts(parts)).toBe(slowMedian(xs));
        expect(parts.flatMap((p) => Array.from(p))).toEqual(xs);
      }),
      { numRuns: 400 },
    );
  });

  it("reads a view where it lies: the values outside it do not count", () => {
    const whole = Float64Array.from([100, 1, 2, 3, 100, 100]);
    expect(medianOf(whole.subarray(1, 4))).toBe(2);
    expect(medianOf(whole.subarray(1, 5))).toBe(2.5);
  });
});

describe("medianWithZeros", () => {
  it("equals the median of that many zeros and the parts' positive values, with infinities too", () => {
    const positive = fc.oneof(
      fc.integer({ min: 1, max: 6 }).map((x) => x / 4),
      fc.constant(Number.POSITIVE_INFINITY),
    );
    fc.assert(
      fc.property(
        fc.nat(12),
        fc.array(fc.array(positive, { maxLength: 8 }), { maxLength: 4 }),
        (zeros, parts) => {
          const all = [...new Array<number>(zeros).fill(0), ...parts.flat()];
          expect(
            medianWithZeros(
              zeros,
              parts.map((p) => Float64Array.from(p)),
            ),
          ).toBe(slowMedian(all));
        },
      ),
      { numRuns: 400 },
    );
  });
});
