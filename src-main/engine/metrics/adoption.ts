import type { FeatureAdoptionQuery } from "../../../src-preload/contract/metric-queries.ts";
import type {
  FeatureAdoptionResult,
  FeatureAdoptionRow,
} from "../../../src-preload/contract/metric-results.ts";
import { ANY_EVENT } from "../filters.ts";
import { firstAtOrAfter } from "../time-search.ts";
import { outOfBounds } from "../typed-index.ts";
import { addPicked } from "./add-counts.ts";
import { Calendar, periodEnds, periodsOf, resolveRange } from "./calendar.ts";
import { checkAbort, type MetricContext, queryUsers, rate } from "./context.ts";

/**
 * For each event (the chosen ones, else every event that occurs), the share of the range's active
 * users who did it, and the same share per period (trend). Only events inside the range count, and
 * only those of active users (the denominator), so a rate never exceeds 100%.
 */
export async function featureAdoption(
  query: FeatureAdoptionQuery,
  ctx: MetricContext,
): Promise<FeatureAdoptionResult> {
  return adoptionResult(await adoptionCounts(query, ctx, 0, ctx.timeline.nUsers));
}

/**
 * featureAdoption's counts over the users of [from, to) (user indexes): every count is of users or
 * events, so the query workers' slices add up to the whole (addAdoptionCounts).
 */
export async function adoptionCounts(
  query: FeatureAdoptionQuery,
  ctx: MetricContext,
  from: number,
  to: number,
): Promise<AdoptionCounts> {
  const tl = ctx.timeline;
  const range = resolveRange(query.range, ctx.asOf);
  const cal = new Calendar(range.from, range.to, ctx.timezone);
  const periods = periodsOf(cal, query.interval ?? "week", query.weekStart ?? ctx.weekStart);
  const np = periods.starts.length;
  const ends = periodEnds(cal, periods.ofDay, np);
  // feature index per event code (-1: not a feature)
  const featureOf = new Int32Array(tl.eventNames.length).fill(-1);
  const names: string[] = [];
  const wanted = query.events ?? tl.eventNames.filter((n) => n !== "");
  for (const name of wanted) {
    const code = tl.eventCode(name);
    if (names.includes(name)) continue;
    if (code >= 0) featureOf[code] = names.length;
    names.push(name);
  }
  const nf = names.length;
  const users = new Int32Array(nf);
  const events = new Float64Array(nf);
  const seen = new Int32Array(nf).fill(-1);
  const perPeriod = new Int32Array(nf * np);
  const seenPeriod = new Int32Array(nf * np).fill(-1);
  const activePeriod = new Int32Array(np);
  let activeUsers = 0;
  const isActive = ctx.activity(query.active, query.where);
  const passes = ctx.eventPredicate(null, query.where);
  // the common tests inline (an event code, or every event) instead of a call an event (filters.ts)
  const activeCode = ctx.activityCode(query.active, query.where);
  const passCode = ctx.eventCode(null, query.where);
  // no filters and every event activity (the workspace has no message deliveries, or the analyst
  // counts them): an event's period is active by the event itself, and the passes below are one
  const onePass = activeCode === ANY_EVENT && passCode === ANY_EVENT;
  const members = await queryUsers(ctx, query.segment);
  const { times, eventCodes, userOffsets } = tl;
  // A rate is users who did X among the users eligible for it, so feature use counts only for users
  // who were active in the range (and, per period, active in that period): a message sent to a user
  // who did nothing else must not push adoption past 100%.
  // per period, the last user active in it (a stamp, not flags cleared for every user)
  const activeBy = new Int32Array(np).fill(-1);
  // the period of each of the user's events in the range, found by the first pass for the second
  let periodAt = new Int32Array(64);
  for (let user = from; user < to; user++) {
    checkAbort(ctx, user);
    if (members && !members[user]) continue;
    const userEnd = userOffsets[user + 1] ?? outOfBounds();
    const first = firstAtOrAfter(times, userOffsets[user] ?? outOfBounds(), userEnd, cal.startMs);
    const last = firstAtOrAfter(times, first, userEnd, cal.endMs);
    if (first === last) continue;
    if (last - first > periodAt.length)
      periodAt = new Int32Array(Math.max(last - first, 2 * periodAt.length));
    // the user's events are in time order, so its period only moves forward: each event compares
    // its time with the period's end, and a user's first event finds its period once
    let pi = periods.ofDay[cal.dayIndex(times[first] ?? outOfBounds())] ?? outOfBounds();
    let end = ends[pi] ?? outOfBounds();
    if (onePass) {
      // every event is activity, in its own period: one pass counts both (the counting below is the
      // second pass's, kept inline: as a shared closure the kind took 230-243 ms at 10M, not 200-217).
      // Counts move by 0 or 1 without a branch: which events are a user's first of a feature is too
      // irregular for a predictor
      activeUsers++;
      activePeriod[pi] = (activePeriod[pi] ?? outOfBounds()) + 1;
      for (let pos = first; pos < last; pos++) {
        const time = times[pos] ?? outOfBounds();
        if (time >= end) {
          do end = ends[++pi] ?? outOfBounds();
          while (time >= end);
          activePeriod[pi] = (activePeriod[pi] ?? outOfBounds()) + 1;
        }
        const feature = featureOf[eventCodes[pos] ?? outOfBounds()] ?? outOfBounds();
        if (feature < 0) continue;
        events[feature] = (events[feature] ?? outOfBounds()) + 1;
        const newUser = (seen[feature] ?? outOfBounds()) ^ user;
        users[feature] = (users[feature] ?? outOfBounds()) + ((newUser | -newUser) >>> 31);
        seen[feature] = user;
        const k = feature * np + pi;
        const newInPeriod = (seenPeriod[k] ?? outOfBounds()) ^ user;
        perPeriod[k] = (perPeriod[k] ?? outOfBounds()) + ((newInPeriod | -newInPeriod) >>> 31);
        seenPeriod[k] = user;
      }
      continue;
    }
    let wasActive = false;
    for (let pos = first; pos < last; pos++) {
      const time = times[pos] ?? outOfBounds();
      while (time >= end) end = ends[++pi] ?? outOfBounds();
      periodAt[pos - first] = pi;
      if (activeBy[pi] === user) continue;
      const active =
        activeCode === ANY_EVENT || (activeCode >= 0 ? eventCodes[pos] === activeCode : isActive(pos, user));
      if (!active) continue;
      activeBy[pi] = user;
      activePeriod[pi] = (activePeriod[pi] ?? outOfBounds()) + 1;
      wasActive = true;
    }
    if (!wasActive) continue;
    activeUsers++;
    for (let pos = first; pos < last; pos++) {
      const code = eventCodes[pos] ?? outOfBounds();
      const feature = featureOf[code] ?? outOfBounds();
      if (feature < 0) continue;
      if (passCode !== ANY_EVENT && (passCode >= 0 ? code !== passCode : !passes(pos, user))) continue;
      events[feature] = (events[feature] ?? outOfBounds()) + 1;
      const newUser = (seen[feature] ?? outOfBounds()) ^ user;
      users[feature] = (users[feature] ?? outOfBounds()) + ((newUser | -newUser) >>> 31);
      seen[feature] = user;
      const pi = periodAt[pos - first] ?? outOfBounds();
      if (activeBy[pi] !== user) continue;
      const k = feature * np + pi;
      const newInPeriod = (seenPeriod[k] ?? outOfBounds()) ^ user;
      perPeriod[k] = (perPeriod[k] ?? outOfBounds()) + ((newInPeriod | -newInPeriod) >>> 31);
      seenPeriod[k] = user;
    }
  }
  return {
    names,
    explicit: query.events !== undefined,
    activeUsers,
    users,
    events,
    perPeriod,
    periodStarts: periods.starts,
    activePeriod,
  };
}

/** Slices' counts added up; the features and periods are every slice's own. */
export function addAdoptionCounts(parts: readonly AdoptionCounts[]): AdoptionCounts {
  const [first] = parts;
  if (!first) throw new Error("feature adoption: no slice answered");
  const add = (pick: (counts: AdoptionCounts) => ArrayLike<number>) => addPicked(parts, pick);
  return {
    ...first,
    activeUsers: parts.reduce((sum, p) => sum + p.activeUsers, 0),
    users: add((c) => c.users),
    events: add((c) => c.events),
    perPeriod: add((c) => c.perPeriod),
    activePeriod: add((c) => c.activePeriod),
  };
}

/** Per-feature and per-period counts, before the rates and the default list's order. */
export interface AdoptionCounts {
  /** the features, in the query's order (duplicates dropped) or every event name */
  names: readonly string[];
  /** whether the query chose the events (else: only those done, most adopted first) */
  explicit: boolean;
  activeUsers: number;
  users: ArrayLike<number>;
  events: ArrayLike<number>;
  /** users of feature f in period p (active in it), at f * periods + p */
  perPeriod: ArrayLike<number>;
  periodStarts: readonly string[];
  activePeriod: ArrayLike<number>;
}

export function adoptionResult(c: AdoptionCounts): FeatureAdoptionResult {
  const np = c.periodStarts.length;
  const features: FeatureAdoptionRow[] = c.names.map((event, f) => ({
    event,
    users: c.users[f] ?? outOfBounds(),
    events: c.events[f] ?? outOfBounds(),
    adoption: rate(c.users[f] ?? outOfBounds(), c.activeUsers),
    trend: c.periodStarts.map((start, pi) => {
      const a = c.activePeriod[pi] ?? outOfBounds();
      const x = c.perPeriod[f * np + pi] ?? outOfBounds();
      return { start, users: x, activeUsers: a, adoption: rate(x, a) };
    }),
  }));
  if (c.explicit) return { activeUsers: c.activeUsers, features };
  // the default list is every event name: keep the ones done in the range, most adopted first
  const done = features.filter((f) => f.users > 0);
  done.sort((a, b) => b.users - a.users || a.event.localeCompare(b.event));
  return { activeUsers: c.activeUsers, features: done };
}
