import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quintileEdges, quintileScores } from "../../../src-main/engine/metrics/quintiles.ts";
import {
  incompleteBeta,
  median,
  moments,
  normalCdf,
  studentTCdf,
  studentTTwoSided,
  twoProportionZ,
  welchT,
} from "../../../src-main/engine/metrics/stats.ts";

// Reference values from scipy 1.17 (scipy.stats.norm / t / beta / ttest_ind), printed to 16 digits.
describe("distribution functions", () => {
  it("normal CDF matches scipy.stats.norm.cdf", () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 12);
    expect(normalCdf(-3.5)).toBeCloseTo(0.000232629079035525, 14);
    expect(normalCdf(0.3)).toBeCloseTo(0.6179114221889526, 12);
    expect(normalCdf(0)).toBe(0.5);
  });

  it("Student t matches scipy.stats.t and closed forms", () => {
    expect(studentTTwoSided(2.0, 10)).toBeCloseTo(0.07338803477074037, 12);
    expect(studentTCdf(-1.5, 3.7)).toBeCloseTo(0.10679908460100675, 12);
    expect(studentTCdf(0.7, 150)).toBeCloseTo(0.7574942345735529, 12);
    // df = 1 is the Cauchy distribution: F(1) = 3/4
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12);
    // df = 2: F(t) = 1/2 + t / (2 sqrt(2 + t²))
    expect(studentTCdf(1.3, 2)).toBeCloseTo(0.5 + 1.3 / (2 * Math.sqrt(2 + 1.69)), 12);
  });

  it("incomplete beta matches scipy.stats.beta.cdf", () => {
    expect(incompleteBeta(0.3, 2.5, 0.5)).toBeCloseTo(0.018927124071945658, 12);
    expect(incompleteBeta(0.5, 3, 3)).toBeCloseTo(0.5, 12);
  });
});

describe("tests", () => {
  it("Welch's t-test matches scipy.stats.ttest_ind(equal_var=False) on Wikipedia's example", () => {
    const a = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    const b = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
    // scipy's statistic is a minus b; ours is b minus a
    const r = welchT(moments(a), moments(b));
    expect(r.statistic).toBeCloseTo(2.455356398286006, 10);
    expect(r.df).toBeCloseTo(24.988529290231416, 8);
    expect(r.pValue).toBeCloseTo(0.021378001462866992, 10);
  });

  it("two-proportion z-test uses the pooled standard error", () => {
    const r = twoProportionZ(45, 200, 62, 210);
    expect(r.statistic).toBeCloseTo(1.6187362635059441, 12);
    expect(r.pValue).toBeCloseTo(0.10550402085923243, 12);
    expect(r.difference).toBeCloseTo(62 / 210 - 45 / 200, 12);
  });

  it("degenerate groups give p = 1 instead of NaN", () => {
    expect(twoProportionZ(0, 50, 0, 40).pValue).toBe(1);
    expect(welchT(moments([2, 2, 2]), moments([2, 2])).pValue).toBe(1);
  });
});

describe("quintiles and medians", () => {
  it("scores ten distinct values two per quintile", () => {
    const s = quintileScores([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]);
    expect(Array.from(s)).toEqual([5, 1, 5, 1, 4, 2, 4, 2, 3, 3]);
  });

  it("equal values share the score of their block's first position", () => {
    // sorted: 1 1 1 1 1 1 2 3 4 5 -> below counts 0 for the 1s, then 6 7 8 9
    const s = quintileScores([1, 1, 1, 1, 1, 1, 2, 3, 4, 5]);
    expect(Array.from(s)).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
  });

  it("reversed scoring gives the lowest values the top score", () => {
    const s = quintileScores([0, 1, 2, 3, 4], true);
    expect(Array.from(s)).toEqual([5, 4, 3, 2, 1]);
  });

  it("median of odd and even counts", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("edges are the values at positions ceil(k n / 5) of the values sorted the score's way", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 9 }), { maxLength: 40 }), fc.boolean(), (xs, rev) => {
        const s = [...xs].sort((a, b) => (rev ? b - a : a - b));
        const want =
          xs.length === 0
            ? []
            : [1, 2, 3, 4].map((k) => s[Math.min(xs.length - 1, Math.ceil((k * xs.length) / 5))]);
        expect(quintileEdges(xs, rev)).toEqual(want);
      }),
    );
  });

  it("median is the middle of the sorted values (a typed-array sort: -0 before 0, NaN last)", () => {
    const value = fc.oneof(
      fc.integer({ min: -4, max: 4 }),
      fc.constantFrom(-0, 0, Number.NaN, Number.POSITIVE_INFINITY),
      fc.double(),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 80 }), (xs) => {
        const s = Float64Array.from(xs).sort();
        const mid = s.length >> 1;
        const want = s.length % 2 ? s[mid] : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
        expect(Object.is(median(xs), want)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("agrees with the definition on every path: counted integers, selection, and a sort for NaN and -0", () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 6 }),
      fc.constantFrom(-0, Number.NaN, 0.5, -2.25, 70_000, 1e300),
      fc.double(),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 60 }), fc.boolean(), (xs, rev) => {
        const got = quintileScores(xs, rev);
        xs.forEach((v, i) => {
          const below = xs.filter((w) => (rev ? w > v : w < v)).length;
          expect(got[i]).toBe(Math.floor((5 * below) / xs.length) + 1);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("agrees with the definition (count of strictly lower values) on random data with ties", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        (xs, rev) => {
          const got = quintileScores(xs, rev);
          xs.forEach((v, i) => {
            const below = xs.filter((w) => (rev ? w > v : w < v)).length;
            expect(got[i]).toBe(Math.floor((5 * below) / xs.length) + 1);
          });
        },
      ),
    );
  });
});
