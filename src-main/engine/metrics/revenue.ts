import type { RevenueQuery } from "../../../src-preload/contract/metric-queries.ts";
import type {
  RevenueCohort,
  RevenuePeriod,
  RevenueResult,
} from "../../../src-preload/contract/metric-results.ts";
import { TAG_NUMBER } from "../columns/types.ts";
import { outOfBounds } from "../typed-index.ts";
import { Calendar, periodsOf, resolveRange } from "./calendar.ts";
import { checkAbort, createdAtMs, type MetricContext, queryUsers, rate } from "./context.ts";

const MAX_COHORT_PERIODS = 750;

/**
 * Revenue = the sum of a numeric property over the revenue event's occurrences inside the range
 * (negative values, such as refunds, subtract). Per period: revenue, active users (any activity), paying
 * users (a revenue event with a number), per user and per paying user, cumulative revenue. Per cohort
 * (the period a user was created in): cumulative revenue per cohort user, period by period.
 */
export async function revenue(q: RevenueQuery, ctx: MetricContext): Promise<RevenueResult> {
  const tl = ctx.timeline;
  const r = resolveRange(q.range, ctx.asOf);
  const cal = new Calendar(r.from, r.to, ctx.timezone);
  const periods = periodsOf(cal, q.interval ?? "month", q.weekStart ?? ctx.weekStart);
  const np = periods.starts.length;
  const col = tl.propColumn(q.property);
  const isRevenue = ctx.eventPredicate(q.event, q.where);
  // active users (ARPU's denominator) are users with activity, as in every other kind
  const passes = ctx.activity(null, q.where);
  const members = await queryUsers(ctx, q.segment);
  const rev = new Float64Array(np);
  const active = new Int32Array(np);
  const paying = new Int32Array(np);
  const cohortUsers = new Int32Array(np);
  // cohortRev[c * np + k]: revenue of cohort c's users in period k (a square table: daily cohorts over
  // years would not fit, so past MAX_COHORT_PERIODS periods there are no cohorts)
  const withCohorts = withRevenueCohorts(np);
  const cohortRev = new Float64Array(withCohorts ? np * np : 0);
  let activeTotal = 0;
  let payingTotal = 0;
  for (let u = 0; u < tl.nUsers; u++) {
    checkAbort(ctx, u);
    if (members && !members[u]) continue;
    const created = cal.dayIndex(createdAtMs(tl, u));
    const cohort = created < 0 || !withCohorts ? -1 : (periods.ofDay[created] ?? outOfBounds());
    if (cohort >= 0) cohortUsers[cohort] = (cohortUsers[cohort] ?? outOfBounds()) + 1;
    const end = tl.userOffsets[u + 1] ?? outOfBounds();
    let hint = -1;
    let lastActive = -1;
    let lastPaying = -1;
    let wasActive = false;
    let paid = false;
    for (let p = tl.userOffsets[u] ?? outOfBounds(); p < end; p++) {
      const t = tl.times[p] ?? outOfBounds();
      if (t < cal.startMs) continue;
      if (t >= cal.endMs) break;
      hint = cal.dayNear(t, hint);
      const pi = periods.ofDay[hint] ?? outOfBounds();
      if (pi !== lastActive && passes(p, u)) {
        lastActive = pi;
        wasActive = true;
        active[pi] = (active[pi] ?? outOfBounds()) + 1;
      }
      if (col.tag[p] !== TAG_NUMBER || !isRevenue(p, u)) continue;
      const v = col.num[p] ?? outOfBounds();
      rev[pi] = (rev[pi] ?? outOfBounds()) + v;
      if (cohort >= 0) cohortRev[cohort * np + pi] = (cohortRev[cohort * np + pi] ?? outOfBounds()) + v;
      paid = true;
      if (pi !== lastPaying) {
        lastPaying = pi;
        paying[pi] = (paying[pi] ?? outOfBounds()) + 1;
      }
    }
    if (wasActive) activeTotal++;
    if (paid) payingTotal++;
  }
  return revenueResult({
    starts: periods.starts,
    rev,
    active,
    paying,
    cohortUsers,
    cohortRev,
    activeTotal,
    payingTotal,
  });
}

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
export function revenueResult(x: RevenueSums): RevenueResult {
  const np = x.starts.length;
  let cumulative = 0;
  const out: RevenuePeriod[] = x.starts.map((start, i) => {
    const v = x.rev[i] ?? outOfBounds();
    cumulative += v;
    return {
      start,
      revenue: v,
      activeUsers: x.active[i] ?? outOfBounds(),
      payingUsers: x.paying[i] ?? outOfBounds(),
      perUser: rate(v, x.active[i] ?? outOfBounds()),
      perPayingUser: rate(v, x.paying[i] ?? outOfBounds()),
      cumulativeRevenue: cumulative,
    };
  });
  const cohorts: RevenueCohort[] = [];
  for (let c = 0; c < np; c++) {
    const n = x.cohortUsers[c] ?? outOfBounds();
    if (n === 0) continue;
    const revenue: number[] = [];
    const ltv: number[] = [];
    let sum = 0;
    for (let k = c; k < np; k++) {
      const v = x.cohortRev[c * np + k] ?? outOfBounds();
      sum += v;
      revenue.push(v);
      ltv.push(sum / n);
    }
    cohorts.push({ start: x.starts[c] ?? outOfBounds(), users: n, ltv, revenue });
  }
  return {
    revenue: cumulative,
    activeUsers: x.activeTotal,
    payingUsers: x.payingTotal,
    perUser: rate(cumulative, x.activeTotal),
    perPayingUser: rate(cumulative, x.payingTotal),
    periods: out,
    cohorts,
    cohortDefinition:
      "users by the period they were created: their imported created_at, else their first event",
  };
}
