import type { RevenueQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { RevenueResult } from "../../../src-preload/contract/metric-results.ts";
import { firstValueFrom } from "../columns/sparse-prop.ts";
import { TAG_NUMBER } from "../columns/types.ts";
import { ANY_EVENT, NEEDS_TEST } from "../filters.ts";
import { grown } from "../grown.ts";
import { gallop, lowerBound } from "../time-search.ts";
import { outOfBounds } from "../typed-index.ts";
import { addInto } from "./add-counts.ts";
import { Calendar, periodEnds, periodsOf, resolveRange } from "./calendar.ts";
import { checkAbort, createdAtMs, type MetricContext, queryUsers } from "./context.ts";
import { type RevenueSums, revenueResult, withRevenueCohorts } from "./revenue-result.ts";

/**
 * Revenue = the sum of a numeric property over the revenue event's occurrences inside the range
 * (negative values, such as refunds, subtract). Per period: revenue, active users (any activity), paying
 * users (a revenue event with a number), per user and per paying user, cumulative revenue. Per cohort
 * (the period a user was created in): cumulative revenue per cohort user, period by period.
 */
export async function revenue(query: RevenueQuery, ctx: MetricContext): Promise<RevenueResult> {
  return revenueResult(joinRevenue([await revenuePart(query, ctx, 0, ctx.timeline.nUsers, false)]));
}

/**
 * One slice of users' share of a revenue query: its counts, which add up across slices, its own float
 * sums, and (when kept) each paying event's value with its period and its user's cohort (-1: none),
 * in scan order. The first slice's sums are the one thread's sums so far; every later slice's values
 * are added to them in turn (joinRevenue), the additions of one pass over every user, so the query
 * workers' answer is the one thread's to the last bit. Only a later slice keeps its values.
 */
export interface RevenuePart {
  starts: string[];
  active: Int32Array;
  paying: Int32Array;
  cohortUsers: Int32Array;
  activeTotal: number;
  payingTotal: number;
  /** the slice's revenue per period, and per cohort c and period k at c * periods + k */
  rev: Float64Array;
  cohortRev: Float64Array;
  /** whether the paying events were kept (values, periods, cohorts: `paid` of each) */
  kept: boolean;
  values: Float64Array;
  periods: Int32Array;
  cohorts: Int32Array;
  paid: number;
}

/** The share of the users [from, to) (user indexes; the query workers scan one slice each). */
export async function revenuePart(
  query: RevenueQuery,
  ctx: MetricContext,
  from: number,
  to: number,
  keep: boolean,
): Promise<RevenuePart> {
  const tl = ctx.timeline;
  const range = resolveRange(query.range, ctx.asOf);
  const cal = new Calendar(range.from, range.to, ctx.timezone);
  const periods = periodsOf(cal, query.interval ?? "month", query.weekStart ?? ctx.weekStart);
  const np = periods.starts.length;
  // an unknown property is refused first, as when the kind read its column here
  tl.requireProperty(query.property);
  const isRevenue = ctx.eventPredicate(query.event, query.where);
  // active users (ARPU's denominator) are users with activity, as in every other kind
  const passes = ctx.activity(null, query.where);
  // the same tests as codes compared inline when they are that simple (filters.ts bareCode): a bare
  // event name, or every event; else the predicate is called
  const revenueCode = ctx.eventCode(query.event, query.where);
  const activeCode = ctx.activityCode(null, query.where);
  // the revenue event's own code even with filters: only its events can pay, so only its values
  // are read (with a `where`, every event name's were merged: the bench's price at 100M is on 23M
  // events, 2.6M of them purchases)
  const nameCode = ctx.matcherCode(query.event);
  const codes = tl.eventCodes;
  const propValues = tl.propValues(query.property, nameCode);
  const members = await queryUsers(ctx, query.segment);
  const active = new Int32Array(np);
  const paying = new Int32Array(np);
  const cohortUsers = new Int32Array(np);
  const withCohorts = withRevenueCohorts(np);
  let activeTotal = 0;
  let payingTotal = 0;
  const rev = new Float64Array(np);
  const cohortRev = new Float64Array(withCohorts ? np * np : 0);
  // the paying events, when kept: grown by doubling (grown.ts)
  let capacity = keep ? 4096 : 0;
  let values = new Float64Array(capacity);
  let valuePeriods = new Int32Array(capacity);
  let valueCohorts = new Int32Array(capacity);
  let paidEvents = 0;
  // read once, not per event: the calendar's bounds are getters and the columns properties
  const startMs = cal.startMs;
  const endMs = cal.endMs;
  const ends = periodEnds(cal, periods.ofDay, np);
  const ofDay = periods.ofDay;
  const times = tl.times;
  const offsets = tl.userOffsets;
  // the values, not the column: the column, as long as the events, cost revenue at 100M events
  // 1.3 s of its 2.4
  const valueAt = propValues.at;
  const valueTags = propValues.tag;
  const numbers = propValues.num;
  const valueEnd = valueAt.length;
  // the next value at or after the scan's event: events are scanned in ascending position (users
  // ascend, and so do their events), so this walks forward only, each value passed once
  let next = firstValueFrom(valueAt, offsets[from] ?? outOfBounds());
  for (let user = from; user < to; user++) {
    checkAbort(ctx, user);
    if (members && !members[user]) continue;
    const created = cal.dayIndex(createdAtMs(tl, user));
    const cohort = created < 0 || !withCohorts ? -1 : (periods.ofDay[created] ?? outOfBounds());
    if (cohort >= 0) cohortUsers[cohort] = (cohortUsers[cohort] ?? outOfBounds()) + 1;
    const end = offsets[user + 1] ?? outOfBounds();
    let hint = -1;
    let wasActive = false;
    let paid = false;
    // the user's events a period at a time: the period's end is found by a gallop over the times,
    // and within it only the codes are read, not each event's time as well (2 bytes an event
    // instead of 10)
    let pos = lowerBound(times, offsets[user] ?? outOfBounds(), end, startMs);
    while (pos < end) {
      const time = times[pos] ?? outOfBounds();
      if (time >= endMs) break;
      hint = cal.dayNear(time, hint);
      const pi = ofDay[hint] ?? outOfBounds();
      const stop = gallop(times, pos + 1, end, ends[pi] ?? outOfBounds());
      let activeHere = false;
      let payingHere = false;
      for (; pos < stop; pos++) {
        const code = codes[pos] ?? outOfBounds();
        if (
          !activeHere &&
          (activeCode === ANY_EVENT || (activeCode >= 0 ? code === activeCode : passes(pos, user)))
        ) {
          activeHere = true;
          wasActive = true;
          active[pi] = (active[pi] ?? outOfBounds()) + 1;
        }
        // the code first: the event's name settles most events without reading their tag
        if (nameCode >= 0 && code !== nameCode) continue;
        while (next < valueEnd && (valueAt[next] ?? outOfBounds()) < pos) next++;
        if (next === valueEnd || valueAt[next] !== pos || valueTags[next] !== TAG_NUMBER) continue;
        if (revenueCode === NEEDS_TEST && !isRevenue(pos, user)) continue;
        const value = numbers[next] ?? outOfBounds();
        if (keep) {
          if (paidEvents === capacity) {
            capacity *= 2;
            values = grown((n) => new Float64Array(n), values, capacity);
            valuePeriods = grown((n) => new Int32Array(n), valuePeriods, capacity);
            valueCohorts = grown((n) => new Int32Array(n), valueCohorts, capacity);
          }
          values[paidEvents] = value;
          valuePeriods[paidEvents] = pi;
          valueCohorts[paidEvents] = cohort;
          paidEvents++;
        }
        rev[pi] = (rev[pi] ?? outOfBounds()) + value;
        if (cohort >= 0) cohortRev[cohort * np + pi] = (cohortRev[cohort * np + pi] ?? outOfBounds()) + value;
        paid = true;
        if (!payingHere) {
          payingHere = true;
          paying[pi] = (paying[pi] ?? outOfBounds()) + 1;
        }
      }
    }
    if (wasActive) activeTotal++;
    if (paid) payingTotal++;
  }
  return {
    starts: periods.starts,
    active,
    paying,
    cohortUsers,
    activeTotal,
    payingTotal,
    rev,
    cohortRev,
    kept: keep,
    values,
    periods: valuePeriods,
    cohorts: valueCohorts,
    paid: paidEvents,
  };
}

/**
 * The sums of the slices' shares, in slice order: their counts added; the first slice's float sums,
 * then every later slice's kept values added to them in turn.
 */
export function joinRevenue(parts: readonly RevenuePart[]): RevenueSums {
  const [first, ...later] = parts;
  if (!first) throw new Error("revenue: no slice answered");
  const np = first.starts.length;
  const rev = first.rev.slice();
  const cohortRev = first.cohortRev.slice();
  const active = first.active.slice();
  const paying = first.paying.slice();
  const cohortUsers = first.cohortUsers.slice();
  let activeTotal = first.activeTotal;
  let payingTotal = first.payingTotal;
  for (const part of later) {
    // a slice that starts at user 0 after empty ones keeps nothing (the pool cuts at 0 only when there
    // are no events): its sums are added to the zeros before it, which leaves them exactly as summed
    const summed = !part.kept && payingTotal === 0;
    if (!part.kept && !summed) throw new Error("revenue: a later slice did not keep its paying events");
    addInto(active, part.active);
    addInto(paying, part.paying);
    addInto(cohortUsers, part.cohortUsers);
    activeTotal += part.activeTotal;
    payingTotal += part.payingTotal;
    if (summed) {
      addInto(rev, part.rev);
      addInto(cohortRev, part.cohortRev);
    }
    for (let i = 0; i < part.paid; i++) {
      const value = part.values[i] ?? outOfBounds();
      const period = part.periods[i] ?? outOfBounds();
      const cohort = part.cohorts[i] ?? outOfBounds();
      rev[period] = (rev[period] ?? outOfBounds()) + value;
      if (cohort >= 0)
        cohortRev[cohort * np + period] = (cohortRev[cohort * np + period] ?? outOfBounds()) + value;
    }
  }
  return { starts: first.starts, rev, active, paying, cohortUsers, cohortRev, activeTotal, payingTotal };
}
