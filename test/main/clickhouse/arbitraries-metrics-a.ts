import fc from "fast-check";
import type { JourneyEvent, JourneySpec } from "../../helpers/journeys.ts";
import {
  BASE,
  clean,
  duration,
  filter,
  logArb,
  matcher,
  range,
  segment,
  tz,
  weekStart,
} from "./arbitraries.ts";

// Random queries of the metric kinds activeUsers, churn, featureAdoption, sessions, activityHeatmap
// and revenue, over the logs of logArb (plus a session id on some events, so that sessions cut by
// the property and by the gap rule mix), for differential-metrics-a.test.ts.

const interval = fc.constantFrom("day", "week", "month") as fc.Arbitrary<"day" | "week" | "month">;
const optInterval = fc.option(interval, { nil: undefined });
/** present one time in three: a where or a segment on most queries would leave few events to count */
function sometimes<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}
const optSegment = sometimes(segment);
const where = sometimes(fc.array(filter, { minLength: 1, maxLength: 2 }));
const optMatcher = fc.option(matcher, { nil: undefined });
const NAMES = ["a", "b", "c", "d", "zz"];

// events on both sides of the 2024 spring DST changes of New York (07:00Z) and Berlin (01:00Z)
const AROUND_DST: JourneyEvent[] = [
  "2024-03-10T06:59:59.999Z",
  "2024-03-10T07:00:00Z",
  "2024-03-10T07:30:00Z",
  "2024-03-10T08:00:00Z",
  "2024-03-31T00:59:59.999Z",
  "2024-03-31T01:00:00Z",
  "2024-03-31T01:30:00Z",
  "2024-03-31T02:00:00Z",
].map((t, k): JourneyEvent => [k % 2 ? "c" : "a", Date.parse(t)]);

// amounts whose floating-point sum depends on the order they are added in
const AMOUNTS = [0.1, 0.2, 0.3, 19.99, -5.55, 1e-9, 3, 1234.567];

/**
 * logArb's logs, with a session id (string, number or boolean) on every third event and an amount
 * on every other event (revenue sums in the engine's order).
 */
export const metricsLogArb: fc.Arbitrary<JourneySpec> = fc
  .tuple(
    logArb,
    fc.array(fc.constantFrom<string | number | boolean>("s1", "s2", 1, 2, true, -0), {
      minLength: 6,
      maxLength: 40,
    }),
  )
  .map(([log, ids]) => {
    let k = 0;
    const withId = ([e, t, p]: JourneyEvent): JourneyEvent => {
      k++;
      const props = { ...(p ?? {}) };
      if (k % 3 === 0) props.session_id = ids[k % ids.length] ?? "s1";
      if (k % 2 === 0)
        props.amount = AMOUNTS[(k * 7 + (typeof t === "number" ? t : 0)) % AMOUNTS.length] ?? 0.1;
      return Object.keys(props).length > 0 ? [e, t, props] : [e, t];
    };
    // every other user also has a burst after their first event: steps of exactly 1 and 2 minutes
    // and 6 hours (gap bounds met exactly) and odd milliseconds (session lengths whose sums round)
    const burst = (events: JourneyEvent[], i: number): JourneyEvent[] => {
      const t0 = events[0]?.[1];
      if (i % 2 === 1 || typeof t0 !== "number") return events;
      const steps = [60_000, 120_000, 120_001, 6 * 3_600_000, 7];
      let t = t0;
      const extra = steps.map((d, k): JourneyEvent => {
        t += d;
        return [k % 2 ? "a" : "b", t];
      });
      return [...events, ...extra];
    };
    const out: JourneySpec = {};
    Object.entries(log).forEach(([name, u], i) => {
      const own = Array.isArray(u) ? u : (u.events ?? []);
      const events = burst(i % 3 === 1 ? [...own, ...AROUND_DST] : own, i).map(withId);
      out[name] = Array.isArray(u) ? events : { ...u, events };
    });
    return out;
  });

export const metricsQueryArb: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .record({
      event: optMatcher,
      range,
      interval: optInterval,
      weekStart,
      timezone: tz,
      where,
      segment: optSegment,
    })
    .map((q) => clean({ kind: "activeUsers", ...q })),
  fc
    .record({
      event: optMatcher,
      interval,
      range,
      weekStart,
      timezone: tz,
      where,
      segment: optSegment,
      segments: fc.option(
        fc.array(fc.record({ name: fc.constantFrom("s", "t"), segment }), { minLength: 1, maxLength: 2 }),
        { nil: undefined },
      ),
    })
    .map((q) => clean({ kind: "churn", ...q })),
  fc
    .record({
      events: fc.option(fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }), {
        nil: undefined,
      }),
      active: optMatcher,
      range,
      interval: optInterval,
      weekStart,
      timezone: tz,
      where,
      segment: optSegment,
    })
    .map((q) => clean({ kind: "featureAdoption", ...q })),
  fc
    .record({
      range,
      sessionProperty: fc.option(fc.constantFrom<string | null>("session_id", "p", null), { nil: undefined }),
      // gaps that some events' distances equal exactly (the grid of logArb's times), and random ones
      gap: fc.option(
        fc.oneof(
          duration,
          fc.constantFrom(
            { value: 6, unit: "hour" as const },
            { value: 1, unit: "minute" as const },
            { value: 2, unit: "minute" as const },
          ),
        ),
        { nil: undefined },
      ),
      timezone: tz,
      where,
      segment: optSegment,
    })
    .map((q) => clean({ kind: "sessions", ...q })),
  fc
    .record({
      event: optMatcher,
      range,
      measure: fc.option(fc.constantFrom("events", "users"), { nil: undefined }),
      timezone: tz,
      where,
      segment: optSegment,
    })
    .map((q) => clean({ kind: "activityHeatmap", ...q })),
  fc
    .record({
      event: matcher,
      property: fc.constantFrom("p", "amount", "amount"),
      range,
      interval: optInterval,
      weekStart,
      timezone: tz,
      where,
      segment: optSegment,
    })
    .map((q) => clean({ kind: "revenue", ...q })),
);

export { BASE };
