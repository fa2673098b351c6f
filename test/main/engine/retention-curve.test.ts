import { describe, expect, it } from "vitest";
import { retentionCurve } from "../../../src-main/engine/retention-curve.ts";
import type { RetentionCohort } from "../../../src-preload/contract/results.ts";

// Three weekly cohorts over a 4-period table; the later ones have periods that are not over yet.
const cohorts: RetentionCohort[] = [
  { start: "2024-06-03", size: 100, values: [100, 40, 30, 20], incomplete: 0 },
  { start: "2024-06-10", size: 300, values: [300, 60, 30, 0], incomplete: 1 },
  { start: "2024-06-17", size: 50, values: [50, 0, 0, 0], incomplete: 3 },
  { start: "2024-06-24", size: 0, values: [0, 0, 0, 0], incomplete: 3 },
];

describe("the retention curve", () => {
  it("averages the curve over known cells, weighted by cohort size", () => {
    const curve = retentionCurve(cohorts, 4);
    expect(curve[0]).toMatchObject({ share: 1, base: 450, cohorts: 3 });
    // period 1: (40 + 60) / (100 + 300): the third cohort has no period 1 yet
    expect(curve[1]?.share).toBeCloseTo(100 / 400);
    expect(curve[1]?.cohorts).toBe(2);
    expect(curve[2]?.share).toBeCloseTo(60 / 400);
    // period 3 is known only for the first cohort
    expect(curve[3]).toMatchObject({ users: 20, base: 100, cohorts: 1 });
    expect(curve[3]?.share).toBeCloseTo(0.2);
  });

  it("reports an unknown point (null) when no cohort has reached the period", () => {
    const curve = retentionCurve([cohorts[2]!], 3);
    expect(curve.map((p) => p.share)).toEqual([1, null, null]);
  });
});
