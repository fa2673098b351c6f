import type { RetentionCohort, RetentionCurvePoint } from "../../src-preload/contract/results.ts";

/**
 * The retention curve: for each period, the retained users of every cohort whose period is complete
 * over those cohorts' summed size (an average weighted by cohort size; null when no cohort has
 * reached the period). Empty cohorts and periods not over yet never count as 0%.
 */
export function retentionCurve(cohorts: readonly RetentionCohort[], periods: number): RetentionCurvePoint[] {
  const curve: RetentionCurvePoint[] = [];
  for (let period = 0; period < periods; period++) {
    let users = 0;
    let base = 0;
    let counted = 0;
    for (const c of cohorts) {
      const complete = Math.max(0, c.values.length - c.incomplete);
      if (c.size === 0 || period >= complete) continue;
      users += c.values[period] ?? 0;
      base += c.size;
      counted++;
    }
    curve.push({ period, share: base > 0 ? users / base : null, users, base, cohorts: counted });
  }
  return curve;
}
