import fc from "fast-check";
import { startOfDate } from "../../../src-main/time/zoned.ts";
import type { EventMatcher, Filter, Range } from "../../../src-preload/contract/common.ts";
import type { JourneySpec } from "../../helpers/journeys.ts";
import { BASE, clean, rangeArb } from "./arbitraries.ts";

// Random logs and queries for acquisition, surveyScores, messageEngagement, compare, rfm,
// bestSendTime and userColumns on the cluster (differential-metrics-b.test.ts). Times sit on a
// coarse grid (ties) and at odd milliseconds around the 2024 spring DST changes; users carry a
// `timezone` attribute (valid zones, a bogus one, a number) for the send-time kinds; events carry a
// campaign (`ch`), an amount (`amt`: fractions, so sums round), and a survey score (`score`:
// numbers on and off the scales and strings that JavaScript's Number() reads in odd ways).

const HOUR = 3_600_000;
const NAMES = ["a", "b", "sent", "open", "click", "survey"];
const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Pacific/Chatham"];
const USER_ZONES = ["Europe/Berlin", "Asia/Kolkata", "America/New_York", "Not/AZone", 5];
const TIERS = ["gold", "silver", 1, true];
const CAMPAIGNS = ["x", "y", 1, true];
const SCORES = [0, 3, 7, 9, 10, 4.5, 2.5, 0.1, 11, -1, "9", " 7 ", "0x3", "", "abc", "1e1", true];
const AMOUNTS = [1, 2, 0.1, 0.2, 9.99, -0.3, 100, "x"];

type V = string | number | boolean;

const time = fc.oneof(
  fc.integer({ min: 0, max: 28 * 4 }).map((k) => BASE + k * 6 * HOUR),
  fc.integer({ min: 0, max: 28 * 24 * 60 }).map((k) => BASE + k * 60_000 + 7),
  // a zone's local midnight (or the millisecond before), on both sides of its DST change: the
  // instants where day boundaries are decided
  fc
    .tuple(fc.integer({ min: -2, max: 30 }), fc.constantFrom(...ZONES), fc.constantFrom(0, -1))
    .map(([k, z, d]) => startOfDate(new Date(BASE + k * 86_400_000).toISOString().slice(0, 10), z) + d),
);

const props = fc.record(
  {
    ch: fc.constantFrom<V>(...CAMPAIGNS),
    amt: fc.constantFrom<V>(...AMOUNTS),
    score: fc.constantFrom<V>(...SCORES),
  },
  { requiredKeys: [] },
);

const event = fc.tuple(fc.constantFrom(...NAMES), time, props);

const user = fc.record({
  events: fc.array(event, { maxLength: 10 }),
  tier: fc.option(fc.constantFrom<V>(...TIERS), { nil: undefined }),
  timezone: fc.option(fc.constantFrom<V>(...USER_ZONES), { nil: undefined }),
});

export const metricsLogArb = fc.array(user, { minLength: 5, maxLength: 45 }).map((drawn): JourneySpec => {
  // every property a query names must exist somewhere (the local engine refuses unknown ones)
  const planted: Record<string, V> = { ch: "x", amt: 1, score: 9 };
  const spec: JourneySpec = {
    planted: {
      events: [["survey", BASE + 7, planted]],
      attributes: { tier: "gold", timezone: "Asia/Kolkata" },
    },
  };
  drawn.forEach((u, i) => {
    const attributes: Record<string, V> = {};
    if (u.tier !== undefined) attributes.tier = u.tier;
    if (u.timezone !== undefined) attributes.timezone = u.timezone;
    spec[`u${i}`] = {
      events: u.events.map(([e, t, p]) => [e, t, p]),
      ...(Object.keys(attributes).length ? { attributes } : {}),
    };
  });
  return spec;
});

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const range = rangeArb(5);
const filter: fc.Arbitrary<Filter> = fc.oneof(
  fc.record({
    property: fc.constantFrom("ch", "amt"),
    op: fc.constantFrom("eq", "neq", "gt") as fc.Arbitrary<"eq" | "neq" | "gt">,
    value: fc.constantFrom<V>(...CAMPAIGNS, 1),
  }),
  fc.record({ property: fc.constantFrom("ch", "amt"), op: fc.constant("isSet" as const) }),
  fc.record({
    property: fc.constant("tier"),
    scope: fc.constant("user" as const),
    op: fc.constantFrom("eq", "neq") as fc.Arbitrary<"eq" | "neq">,
    value: fc.constantFrom<V>(...TIERS),
  }),
);
const where = opt(fc.array(filter, { minLength: 1, maxLength: 2 }));
const matcherOf = (names: fc.Arbitrary<string | null>): fc.Arbitrary<EventMatcher> =>
  fc
    .record({ event: names, where }, { requiredKeys: ["event"] })
    .map((m) => (m.where === undefined ? { event: m.event } : m));
const matcher = matcherOf(fc.constantFrom<string | null>(...NAMES, null));
const tz = opt(fc.constantFrom(...ZONES));
const duration = fc.oneof(
  fc.record({ value: fc.integer({ min: 1, max: 90 }), unit: fc.constant("minute" as const) }),
  fc.record({ value: fc.integer({ min: 1, max: 48 }), unit: fc.constant("hour" as const) }),
  fc.record({ value: fc.constantFrom(1, 2, 7), unit: fc.constant("day" as const) }),
);
const GRID_WINDOWS = [
  { value: 6, unit: "hour" as const },
  { value: 12, unit: "hour" as const },
  { value: 1, unit: "day" as const },
];
const segment: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant({ all: [] }),
  fc.record({ attribute: fc.record({ property: fc.constant("tier"), op: fc.constant("isSet") }) }),
  fc.record({ performed: matcher }),
  fc.record({ not: fc.record({ performed: matcher }) }),
);
const named = fc.array(fc.record({ name: fc.constantFrom("A", "B", "C"), segment }), {
  minLength: 2,
  maxLength: 3,
});

const acquisition = fc
  .record({
    by: fc.oneof(
      fc.record({ property: fc.constantFrom("ch", "amt") }),
      fc.record({ property: fc.constant("tier"), scope: fc.constant("user" as const) }),
    ),
    range,
    conversion: opt(matcher),
    conversionWindow: opt(duration),
    retentionDays: opt(fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 3 })),
    limit: opt(fc.integer({ min: 1, max: 3 })),
    timezone: tz,
    where,
    segment: opt(segment),
  })
  .map((q) => clean({ kind: "acquisition" as const, ...q }));

const surveyScores = fc
  .record({
    type: fc.constantFrom("nps", "csat", "ces") as fc.Arbitrary<"nps" | "csat" | "ces">,
    event: matcherOf(fc.constantFrom<string | null>("survey", null)),
    property: fc.constantFrom("score", "amt"),
    range,
    interval: opt(fc.constantFrom("day", "week", "month") as fc.Arbitrary<"day" | "week" | "month">),
    weekStart: opt(fc.constantFrom("monday", "sunday") as fc.Arbitrary<"monday" | "sunday">),
    segments: opt(named),
    timezone: tz,
    where,
    segment: opt(segment),
  })
  .map((q) => clean({ kind: "surveyScores" as const, ...q }));

const messageEngagement = fc
  .record({
    send: matcherOf(fc.constantFrom<string | null>("sent", "a")),
    delivered: opt(matcherOf(fc.constantFrom<string | null>("b", "open"))),
    open: matcherOf(fc.constantFrom<string | null>("open", null)),
    click: matcherOf(fc.constantFrom<string | null>("click", "sent")),
    by: opt(fc.constantFrom("ch", "amt")),
    conversion: opt(matcher),
    // multiples of the 6-hour grid, so conversions fall exactly on the window's end
    conversionWindow: opt(fc.constantFrom(...GRID_WINDOWS)),
    limit: opt(fc.integer({ min: 1, max: 3 })),
    range,
    timezone: tz,
    where,
    segment: opt(segment),
  })
  .map((q) => clean({ kind: "messageEngagement" as const, ...q }));

const rfm = fc
  .record({
    event: matcher,
    monetary: opt(fc.constant("amt")),
    frequencyDistinct: opt(fc.constantFrom("ch", "score")),
    range,
    timezone: tz,
    where,
    segment: opt(segment),
  })
  .map((q) => clean({ kind: "rfm" as const, ...q }));

const compareMetric = fc.oneof(
  fc.record({ type: fc.constant("rate"), event: matcher }),
  fc.record({ type: fc.constant("eventsPerUser"), event: matcher }),
  fc.record({ type: fc.constant("revenuePerUser"), event: matcher, property: fc.constant("amt") }),
  fc.record({
    type: fc.constant("retention"),
    target: matcher,
    return: matcher,
    day: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({
    type: fc.constant("funnel"),
    steps: fc.array(matcher, { minLength: 2, maxLength: 3 }),
    window: opt(duration),
    order: opt(fc.constantFrom("ordered", "strict") as fc.Arbitrary<"ordered" | "strict">),
  }),
);

const compare = fc
  .record({
    segments: named,
    metrics: fc.array(compareMetric, { minLength: 1, maxLength: 3 }),
    range,
    alpha: opt(fc.constantFrom(0.05, 0.1)),
    timezone: tz,
    where,
  })
  .map((q) => clean({ kind: "compare" as const, ...q, metrics: q.metrics.map((m) => clean({ ...m })) }));

const bestSendTime = fc
  .record({ timezone: tz, segment: opt(segment) })
  .map((q) => clean({ kind: "bestSendTime" as const, ...q }));

const userColumns = fc
  .record({
    segment,
    columns: fc.constantFrom<("$bestSendHour" | "$bestSendWeekday")[]>(
      ["$bestSendHour"],
      ["$bestSendWeekday", "$bestSendHour"],
    ),
    timezone: tz,
  })
  .map((q) => clean({ kind: "userColumns" as const, ...q }));

/** The kinds this file covers, by name, so a run can be narrowed (STRATA_CH_KINDS=rfm,compare). */
export const metricsQueryArbs: Record<string, fc.Arbitrary<unknown>> = {
  acquisition,
  surveyScores,
  messageEngagement,
  compare,
  rfm,
  bestSendTime,
  userColumns,
};
