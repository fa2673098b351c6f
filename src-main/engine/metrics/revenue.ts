import type { RevenueQuery } from "../../../src-preload/contract/metric-queries.ts";
import type {
  RevenueCohort,
  RevenuePeriod,
  RevenueResult,
} from "../../../src-preload/contract/metric-results.ts";
import { TAG_NUMBER } from "../columns/types.ts";
import { ANY_EVENT, NEEDS_TEST } from "../filters.ts";
import { outOfBounds } from "../typed-index.ts";
import { Calendar, periodsOf, resolveRange } from "./calendar.ts";
import { checkAbort, createdAtMs, lowerBound, type MetricContext, queryUsers, rate } from "./context.ts";

const MAX_COHORT_PERIODS = 750;

/**
 * Revenue = the sum of a numeric property over the revenue event's occurrences inside the range
 * (negative values, such as refunds, subtract). Per period: revenue, active users (any activity), paying
 * users (a revenue event with a number), per user and per paying user, cumulative revenue. Per cohort
 * (the period a user was created in): cumulative revenue per cohort user, period by period.
 */
export async function revenue(query: RevenueQuery, ctx: MetricContext): Promise<RevenueResult> {
  const tl = ctx.timeline;
  const range = resolveRange(query.range, ctx.asOf);
  const cal = new Calendar(range.from, range.to, ctx.timezone);
  const periods = periodsOf(cal, query.interval ?? "month", query.weekStart ?? ctx.weekStart);
  const np = periods.starts.length;
  const col = tl.propColumn(query.property);
  const isRevenue = ctx.eventPredicate(query.event, query.where);
  // active users (ARPU's denominator) are users with activity, as in every other kind
  const passes = ctx.activity(null, query.where);
  // the same tests as codes compared inline when they are that simple (filters.ts bareCode): a bare
  // event name, or every event; else the predicate is called
  const revenueCode = ctx.eventCode(query.event, query.where);
  const activeCode = ctx.activityCode(null, query.where);
  const codes = tl.eventCodes;
  const members = await queryUsers(ctx, query.segment);
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
  // read once, not per event: the calendar's bounds are getters and the columns properties
  const from = cal.startMs;
  const to = cal.endMs;
  const times = tl.times;
  const offsets = tl.userOffsets;
  const tags = col.tag;
  const numbers = col.num;
  for (let user = 0; user < tl.nUsers; user++) {
    checkAbort(ctx, user);
    if (members && !members[user]) continue;
    const created = cal.dayIndex(createdAtMs(tl, user));
    const cohort = created < 0 || !withCohorts ? -1 : (periods.ofDay[created] ?? outOfBounds());
    if (cohort >= 0) cohortUsers[cohort] = (cohortUsers[cohort] ?? outOfBounds()) + 1;
    const end = offsets[user + 1] ?? outOfBounds();
    let hint = -1;
    let lastActive = -1;
    let lastPaying = -1;
    let wasActive = false;
    let paid = false;
    for (let pos = lowerBound(times, offsets[user] ?? outOfBounds(), end, from); pos < end; pos++) {
      const time = times[pos] ?? outOfBounds();
      if (time >= to) break;
      hint = cal.dayNear(time, hint);
      const pi = periods.ofDay[hint] ?? outOfBounds();
      const code = codes[pos] ?? outOfBounds();
      if (
        pi !== lastActive &&
        (activeCode === ANY_EVENT || (activeCode >= 0 ? code === activeCode : passes(pos, user)))
      ) {
        lastActive = pi;
        wasActive = true;
        active[pi] = (active[pi] ?? outOfBounds()) + 1;
      }
      if (tags[pos] !== TAG_NUMBER) continue;
      if (revenueCode >= 0 ? code !== revenueCode : revenueCode === NEEDS_TEST && !isRevenue(pos, user))
        continue;
      const value = numbers[pos] ?? outOfBounds();
      rev[pi] = (rev[pi] ?? outOfBounds()) + value;
      if (cohort >= 0) cohortRev[cohort * np + pi] = (cohortRev[cohort * np + pi] ?? outOfBounds()) + value;
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
