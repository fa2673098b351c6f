import type {
  RevenueCohort,
  RevenuePeriod,
  RevenueResult,
} from "../../../src-preload/contract/metric-results.ts";
import { outOfBounds } from "../typed-index.ts";
import { rate } from "./context.ts";

// Revenue's second half, shared by both engines (the ClickHouse compiler fills the same sums): from
// revenue and users per period and per cohort to the result, with cumulative revenue, rates and each
// cohort's LTV curve.

const MAX_COHORT_PERIODS = 750;

/** Revenue and users per period and per cohort, summed in the engine's order, before the result. */
export interface RevenueSums {
  starts: readonly string[];
  rev: ArrayLike<number>;
  active: ArrayLike<number>;
  paying: ArrayLike<number>;
  /** users created in each period (all zero without cohorts) */
  cohortUsers: ArrayLike<number>;
  /** revenue of cohort c's users in period k at c * periods + k (empty without cohorts) */
  cohortRev: ArrayLike<number>;
  activeTotal: number;
  payingTotal: number;
}

/** The largest number of periods with cohorts (a square table: daily cohorts over years would not fit). */
export function withRevenueCohorts(periods: number): boolean {
  return periods <= MAX_COHORT_PERIODS;
}

/** The result from the sums: cumulative revenue, rates, and each cohort's revenue and LTV curve. */
export function revenueResult(sums: RevenueSums): RevenueResult {
  const np = sums.starts.length;
  let cumulative = 0;
  const out: RevenuePeriod[] = sums.starts.map((start, i) => {
    const v = sums.rev[i] ?? outOfBounds();
    cumulative += v;
    return {
      start,
      revenue: v,
      activeUsers: sums.active[i] ?? outOfBounds(),
      payingUsers: sums.paying[i] ?? outOfBounds(),
      perUser: rate(v, sums.active[i] ?? outOfBounds()),
      perPayingUser: rate(v, sums.paying[i] ?? outOfBounds()),
      cumulativeRevenue: cumulative,
    };
  });
  const cohorts: RevenueCohort[] = [];
  for (let cohort = 0; cohort < np; cohort++) {
    const users = sums.cohortUsers[cohort] ?? outOfBounds();
    if (users === 0) continue;
    const revenue: number[] = [];
    const ltv: number[] = [];
    let sum = 0;
    for (let k = cohort; k < np; k++) {
      const periodRevenue = sums.cohortRev[cohort * np + k] ?? outOfBounds();
      sum += periodRevenue;
      revenue.push(periodRevenue);
      ltv.push(sum / users);
    }
    cohorts.push({ start: sums.starts[cohort] ?? outOfBounds(), users, ltv, revenue });
  }
  return {
    revenue: cumulative,
    activeUsers: sums.activeTotal,
    payingUsers: sums.payingTotal,
    perUser: rate(cumulative, sums.activeTotal),
    perPayingUser: rate(cumulative, sums.payingTotal),
    periods: out,
    cohorts,
    cohortDefinition:
      "users by the period they were created: their imported created_at, else their first event",
  };
}
