import fc from "fast-check";
import type { JourneyEvent, JourneySpec } from "../../helpers/journeys.ts";
import { BASE, duration, logArb, matcher, range, segment, tz, weekStart, where } from "./arbitraries.ts";

// Random queries of the metric kinds activeUsers, churn, featureAdoption, sessions, activityHeatmap
// and revenue, over the logs of logArb (plus a session id on some events, so that sessions cut by
// the property and by the gap rule mix), for differential-metrics-a.test.ts.

function clean<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

const interval = fc.constantFrom("day", "week", "month") as fc.Arbitrary<"day" | "week" | "month">;
const optInterval = fc.option(interval, { nil: undefined });
const optSegment = fc.option(segment, { nil: undefined });
const optMatcher = fc.option(matcher, { nil: undefined });
const NAMES = ["a", "b", "c", "d", "zz"];

/** logArb's logs, with a session id (string, number or boolean) on every third event. */
export const metricsLogArb: fc.Arbitrary<JourneySpec> = fc
  .tuple(
    logArb,
    fc.array(fc.constantFrom<string | number | boolean>("s1", "s2", 1, 2, true, -0), {
      minLength: 1,
      maxLength: 40,
    }),
  )
  .map(([log, ids]) => {
    let k = 0;
    const withId = ([e, t, p]: JourneyEvent): JourneyEvent => {
      k++;
      return k % 3 === 0
        ? [e, t, { ...(p ?? {}), session_id: ids[k % ids.length] ?? "s1" }]
        : p
          ? [e, t, p]
          : [e, t];
    };
    const out: JourneySpec = {};
    for (const [name, u] of Object.entries(log))
      out[name] = Array.isArray(u) ? u.map(withId) : { ...u, events: (u.events ?? []).map(withId) };
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
      gap: fc.option(duration, { nil: undefined }),
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
      property: fc.constantFrom("p"),
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
