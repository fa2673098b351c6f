import fc from "fast-check";
import type { Filter, Range } from "../../../src-preload/contract/common.ts";
import type { JourneySpec } from "../../helpers/journeys.ts";

// Random event logs and random queries of every kind the cluster answers, for the differential
// test. Times sit on a coarse grid (ties, exact window bounds) and at odd milliseconds, around the
// 2024 spring DST changes, so calendars, windows and the same-instant rule all get exercised.

export const BASE = Date.UTC(2024, 2, 4);
const HOUR = 3_600_000;
const NAMES = ["a", "b", "c", "d"];
const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Pacific/Chatham"];
const VALUES = [1, 2, 2.5, -0.1, "x", "X", "xy", "É", true, false];

type V = string | number | boolean;
const value = fc.constantFrom<V>(...VALUES);

const time = fc.oneof(
  fc.integer({ min: 0, max: 28 * 4 }).map((k) => BASE + k * 6 * HOUR),
  fc.integer({ min: 0, max: 28 * 24 * 60 }).map((k) => BASE + k * 60_000 + 7),
  fc.integer({ min: 0, max: 28 * 86_400 }).map((k) => BASE + k * 1000 + 1),
);

const event = fc.tuple(
  fc.constantFrom(...NAMES),
  time,
  fc.option(fc.record({ p: value }, { requiredKeys: [] }), { nil: undefined }),
);

const user = fc.record({
  events: fc.array(event, { maxLength: 12 }),
  tier: fc.option(value, { nil: undefined }),
  created: fc.option(time, { nil: undefined }),
});

export const logArb = fc.array(user, { minLength: 5, maxLength: 30 }).map((drawn): JourneySpec => {
  // a query naming a property no event or user carries is refused, so every log carries `tier` and
  // `p` (planted on the last user / first event only when none drew them)
  const users = drawn.map((u) => ({ ...u, events: [...u.events] }));
  const last = users[users.length - 1];
  if (last && !users.some((u) => u.tier !== undefined)) last.tier = "planted";
  const first = users.find((u) => u.events.length > 0) ?? last;
  if (first && !users.some((u) => u.events.some(([, , p]) => p?.p !== undefined))) {
    const [e, t] = first.events[0] ?? [NAMES[0] ?? "a", BASE + 7];
    first.events[0] = [e, t, { p: "planted" }];
  }
  const spec: JourneySpec = {};
  users.forEach((u, i) => {
    spec[`u${i}`] = {
      events: u.events.map(([e, t, p]) => (p ? [e, t, p] : [e, t])),
      ...(u.tier !== undefined ? { attributes: { tier: u.tier } } : {}),
      ...(u.created !== undefined ? { createdAt: u.created } : {}),
    };
  });
  return spec;
});

const day = fc
  .integer({ min: -3, max: 30 })
  .map((k) => new Date(BASE + k * 86_400_000).toISOString().slice(0, 10));
/** A range of days around the logs' days, or the last 1..maxLast days, weeks or months. */
export function rangeArb(maxLast: number): fc.Arbitrary<Range> {
  return fc.oneof(
    fc.tuple(day, day).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
    fc.record({
      last: fc.integer({ min: 1, max: maxLast }),
      unit: fc.constantFrom("day", "week", "month") as fc.Arbitrary<"day" | "week" | "month">,
    }),
  );
}
const range = rangeArb(5);

const filter: fc.Arbitrary<Filter> = fc.oneof(
  fc.record({
    property: fc.constant("p"),
    op: fc.constantFrom(
      "eq",
      "neq",
      "gt",
      "gte",
      "lt",
      "lte",
      "contains",
      "notContains",
      "startsWith",
    ) as fc.Arbitrary<"eq" | "neq" | "gt" | "gte" | "lt" | "lte" | "contains" | "notContains" | "startsWith">,
    value,
  }),
  fc.record({
    property: fc.constant("p"),
    op: fc.constant("between" as const),
    value: fc.tuple(value, value),
  }),
  fc.record({
    property: fc.constant("p"),
    op: fc.constantFrom("in", "notIn") as fc.Arbitrary<"in" | "notIn">,
    value: fc.array(value, { maxLength: 3 }),
  }),
  fc.record({
    property: fc.constant("p"),
    op: fc.constantFrom("isSet", "isNotSet") as fc.Arbitrary<"isSet" | "isNotSet">,
  }),
  fc.record({
    property: fc.constant("tier"),
    scope: fc.constant("user" as const),
    op: fc.constantFrom("eq", "neq", "gte") as fc.Arbitrary<"eq" | "neq" | "gte">,
    value,
  }),
);
const where = fc.option(fc.array(filter, { minLength: 1, maxLength: 2 }), { nil: undefined });

const matcher = fc
  .record(
    { event: fc.oneof(fc.constantFrom<string | null>(...NAMES), fc.constant(null)), where },
    { requiredKeys: ["event"] },
  )
  .map((m) => (m.where === undefined ? { event: m.event } : m));

const tz = fc.option(fc.constantFrom(...ZONES), { nil: undefined });
const weekStart = fc.option(fc.constantFrom("monday", "sunday") as fc.Arbitrary<"monday" | "sunday">, {
  nil: undefined,
});
const compare = fc.oneof(
  fc.record({
    op: fc.constantFrom("gte", "gt", "eq", "lte", "lt") as fc.Arbitrary<"gte" | "gt" | "eq" | "lte" | "lt">,
    value: fc.constantFrom(0, 1, 2, 2.5, 3),
  }),
  fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })).map(([a, b]) => ({
    op: "between" as const,
    value: [Math.min(a, b), Math.max(a, b)] as [number, number],
  })),
);
const duration = fc.oneof(
  fc.record({
    value: fc.integer({ min: 1, max: 90 }),
    unit: fc.constantFrom("second", "minute") as fc.Arbitrary<"second" | "minute">,
  }),
  fc.record({ value: fc.integer({ min: 1, max: 48 }), unit: fc.constant("hour" as const) }),
  fc.record({
    value: fc.constantFrom(1, 2, 7),
    unit: fc.constantFrom("day", "week") as fc.Arbitrary<"day" | "week">,
  }),
);

/** The object without its undefined fields (a query as a client would write it). */
export function clean<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

const breakdown = fc.option(
  fc
    .record({
      property: fc.constant("p"),
      scope: fc.option(fc.constant("user" as const), { nil: undefined }),
      attribution: fc.option(
        fc.oneof(
          fc.constantFrom("firstTouch", "lastTouch") as fc.Arbitrary<"firstTouch" | "lastTouch">,
          fc.record({ step: fc.integer({ min: 0, max: 0 }) }),
        ),
        { nil: undefined },
      ),
      limit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    })
    .map((b) => clean(b.scope === "user" ? { ...b, property: "tier" } : b)),
  { nil: undefined },
);

const funnel = fc
  .record({
    steps: fc.array(matcher, { minLength: 1, maxLength: 4 }),
    order: fc.constantFrom("ordered", "strict", "unordered") as fc.Arbitrary<
      "ordered" | "strict" | "unordered"
    >,
    window: fc.option(duration, { nil: undefined }),
    range,
    timezone: tz,
    where,
  })
  .map((f) => clean({ kind: "funnel" as const, ...f }));

const retentionBase = fc
  .record({
    target: matcher,
    return: matcher,
    interval: fc.constantFrom("day", "week", "month"),
    periods: fc.integer({ min: 1, max: 5 }),
    range,
    timezone: tz,
    weekStart,
    mode: fc.option(fc.constantFrom("recurring", "firstTime", "firstEver"), { nil: undefined }),
    measure: fc.option(fc.constantFrom("on", "onOrAfter"), { nil: undefined }),
    where,
  })
  .map((q) => clean({ kind: "retention", ...q }));

const condition: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .record({
      retention: retentionBase,
      cohort: day,
      returnedIn: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    })
    .map(clean),
  fc
    .record({
      performed: matcher,
      count: fc.option(compare, { nil: undefined }),
      within: fc.option(range, { nil: undefined }),
    })
    .map(clean),
  fc.record({ attribute: filter.map((f) => ({ ...f, scope: "user" as const, property: "tier" })) }),
  fc.record({ firstSeen: range }),
  fc.record({ lastSeen: range }),
  fc
    .record({
      aggregate: matcher,
      property: fc.constant("p"),
      fn: fc.constantFrom("sum", "avg", "min", "max", "countDistinct"),
      compare,
      within: fc.option(range, { nil: undefined }),
    })
    .map(clean),
  fc
    .record({
      sequence: fc.array(matcher, { minLength: 1, maxLength: 3 }),
      window: duration,
      within: fc.option(range, { nil: undefined }),
    })
    .map(clean),
  fc.tuple(funnel, fc.nat()).map(([f, k]) => ({ funnel: f, reached: k % f.steps.length })),
);
const segment: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: condition },
  { weight: 1, arbitrary: fc.array(condition, { maxLength: 3 }).map((all) => ({ all })) },
  { weight: 1, arbitrary: fc.array(condition, { maxLength: 3 }).map((any) => ({ any })) },
  { weight: 1, arbitrary: condition.map((not) => ({ not })) },
);

export const queryArb: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .record({
      segment,
      // only attributes some user carries: an unknown name is refused by both engines' validation
      attributes: fc.option(fc.constantFrom(["tier"], ["tier", "tier"], []), { nil: undefined }),
      limit: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
      offset: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
      timezone: tz,
    })
    .map((q) => clean({ kind: "segmentMembers", ...q })),
  fc.record({ segment, timezone: tz }).map((q) => clean({ kind: "segmentCount", ...q })),
  fc
    .tuple(funnel, fc.option(segment, { nil: undefined }), breakdown)
    .map(([f, s, b]) => clean({ ...f, segment: s, breakdown: b })),
  fc
    .record({
      target: matcher,
      return: matcher,
      interval: fc.constantFrom("day", "week", "month"),
      periods: fc.integer({ min: 1, max: 5 }),
      range,
      timezone: tz,
      weekStart,
      mode: fc.option(fc.constantFrom("recurring", "firstTime", "firstEver"), { nil: undefined }),
      measure: fc.option(fc.constantFrom("on", "onOrAfter"), { nil: undefined }),
      where,
      segment: fc.option(segment, { nil: undefined }),
    })
    .map((q) => clean({ kind: "retention", ...q })),
  fc
    .record({
      event: matcher,
      interval: fc.constantFrom("day", "week", "month"),
      range,
      weekStart,
      timezone: tz,
      where,
      segment: fc.option(segment, { nil: undefined }),
    })
    .map((q) => clean({ kind: "lifecycle", ...q })),
  fc
    .record({
      event: matcher,
      interval: fc.constantFrom("day", "week"),
      range,
      mode: fc.option(fc.constantFrom("exact", "cumulative"), { nil: undefined }),
      weekStart,
      timezone: tz,
      where,
    })
    .map((q) => clean({ kind: "stickiness", ...q })),
);

// the building blocks, for the arbitraries of other areas (arbitraries-<area>.ts)
export { compare, duration, filter, matcher, range, segment, tz, weekStart, where };
