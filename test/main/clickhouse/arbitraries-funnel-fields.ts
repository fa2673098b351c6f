import fc from "fast-check";
import type { Filter } from "../../../src-preload/contract/common.ts";
import type { JourneySpec } from "../../helpers/journeys.ts";
import { BASE, clean } from "./arbitraries.ts";

// Random queries over the funnel and retention options of issue 15 (exclusions, holdConstant,
// optionalSteps, conversionOverTime, retention hours and brackets), also inside segment
// conditions, and filters on the virtual properties $event, $hour and $weekday, over the event
// logs below: names a-d, a property p on some events, times on a two-hour grid over ten days
// around the 2024 spring DST changes (so steps, exclusions and optional steps often share an
// instant) and a few at odd milliseconds.

const NAMES = ["a", "b", "c", "d"];
const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Pacific/Chatham"];

const HOUR = 3_600_000;
const time = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 10 * 12 }).map((k) => BASE + k * 2 * HOUR) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 10 * 24 * 60 }).map((k) => BASE + k * 60_000 + 7) },
);
const pValue = fc.constantFrom<string | number | boolean>(1, "x", "X", true);
const event = fc.tuple(fc.constantFrom(...NAMES), time, fc.option(pValue, { nil: undefined }));

/** Dense logs: every query names p, so it is planted on the first event when none drew it. */
export const fieldsLogArb = fc
  .array(fc.array(event, { maxLength: 14 }), { minLength: 6, maxLength: 24 })
  .map((users): JourneySpec => {
    const spec: JourneySpec = {};
    const anyP = users.some((evs) => evs.some(([, , p]) => p !== undefined));
    users.forEach((evs, i) => {
      spec[`u${i}`] = evs.map(([e, t, p], k) =>
        p !== undefined ? [e, t, { p }] : !anyP && i === 0 && k === 0 ? [e, t, { p: "x" }] : [e, t],
      );
    });
    if (!anyP && (users[0]?.length ?? 0) === 0) spec.u0 = [["a", BASE, { p: "x" }]];
    return spec;
  });

const day = (lo: number, hi: number) =>
  fc.integer({ min: lo, max: hi }).map((k) => new Date(BASE + k * 86_400_000).toISOString().slice(0, 10));
const range = (span: number): fc.Arbitrary<{ from: string; to: string }> =>
  fc.tuple(day(-2, 28), fc.integer({ min: 0, max: span })).map(([a, n]) => ({
    from: a,
    to: new Date(Date.parse(`${a}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10),
  }));
const tz = fc.option(fc.constantFrom(...ZONES), { nil: undefined });

const virtual: fc.Arbitrary<Filter> = fc.oneof(
  fc.record({
    property: fc.constant("$hour"),
    op: fc.constantFrom("eq", "neq", "gte", "lt") as fc.Arbitrary<"eq" | "neq" | "gte" | "lt">,
    value: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.constant("3")),
  }),
  fc.record({
    property: fc.constant("$hour"),
    op: fc.constant("between" as const),
    value: fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 12, max: 23 })),
  }),
  fc.record({
    property: fc.constant("$weekday"),
    op: fc.constantFrom("eq", "neq", "lte") as fc.Arbitrary<"eq" | "neq" | "lte">,
    value: fc.integer({ min: 1, max: 7 }),
  }),
  fc.record({
    property: fc.constant("$weekday"),
    op: fc.constantFrom("in", "notIn") as fc.Arbitrary<"in" | "notIn">,
    value: fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 3 }),
  }),
  fc.record({
    property: fc.constant("$event"),
    op: fc.constantFrom("eq", "neq", "contains", "startsWith", "notContains", "gt") as fc.Arbitrary<
      "eq" | "neq" | "contains" | "startsWith" | "notContains" | "gt"
    >,
    value: fc.constantFrom<string | number>("a", "B", "c", 1),
  }),
  fc.record({
    property: fc.constant("$event"),
    op: fc.constantFrom("in", "notIn") as fc.Arbitrary<"in" | "notIn">,
    value: fc.array(fc.constantFrom(...NAMES), { maxLength: 2 }),
  }),
  fc.record({
    property: fc.constant("p"),
    op: fc.constantFrom("eq", "neq") as fc.Arbitrary<"eq" | "neq">,
    value: fc.constantFrom<string | number | boolean>(1, "x", true),
  }),
  fc.record({ property: fc.constant("p"), op: fc.constant("isSet" as const) }),
);
const where = fc.option(fc.array(virtual, { minLength: 1, maxLength: 2 }), { nil: undefined });
const matcher = fc
  .record({ event: fc.constantFrom<string | null>(...NAMES, null), where }, { requiredKeys: ["event"] })
  .map((m) => (m.where === undefined ? { event: m.event } : m));
const window = fc.option(
  fc.oneof(
    fc.record({ value: fc.integer({ min: 1, max: 48 }), unit: fc.constant("hour" as const) }),
    fc.record({ value: fc.constantFrom(1, 2, 7), unit: fc.constant("day" as const) }),
  ),
  { nil: undefined },
);

/** A valid funnel with the options: exclusions on required steps, optional steps in ordered ones. */
export const funnelFieldsArb = fc
  .record({
    steps: fc.array(matcher, { minLength: 2, maxLength: 4 }),
    order: fc.constantFrom("ordered", "ordered", "strict", "unordered") as fc.Arbitrary<
      "ordered" | "strict" | "unordered"
    >,
    window,
    range: range(10),
    timezone: tz,
    where,
    optional: fc.array(fc.nat(), { maxLength: 2 }),
    exclusions: fc.array(fc.tuple(matcher, fc.nat(), fc.nat()), { maxLength: 2 }),
    hold: fc.option(fc.constant(["p"]), { nil: undefined }),
    overTime: fc.option(fc.constantFrom("day", "week") as fc.Arbitrary<"day" | "week">, { nil: undefined }),
  })
  .map((f) => {
    const n = f.steps.length;
    const optionalSteps =
      f.order === "ordered" && n > 2 ? [...new Set(f.optional.map((k) => 1 + (k % (n - 2))))] : [];
    const required = f.steps.map((_, k) => k).filter((k) => !optionalSteps.includes(k));
    // unordered exclusions are refused by name (the local engine's search has a budget)
    const exclusions =
      f.order === "unordered"
        ? []
        : f.exclusions.map(([event, a, b]) => {
            const i = a % (required.length - 1);
            const j = i + 1 + (b % (required.length - 1 - i));
            return { event, fromStep: required[i] as number, toStep: required[j] as number };
          });
    return clean({
      kind: "funnel" as const,
      steps: f.steps,
      order: f.order,
      window: f.window,
      range: f.range,
      timezone: f.timezone,
      where: f.where,
      exclusions: exclusions.length > 0 ? exclusions : undefined,
      optionalSteps: optionalSteps.length > 0 ? optionalSteps : undefined,
      holdConstant: f.hold,
      conversionOverTime: f.overTime,
    });
  });

const brackets = fc.option(
  fc.array(
    fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3 })).map(([from, w]) => ({
      from,
      to: from + w,
    })),
    { minLength: 1, maxLength: 3 },
  ),
  { nil: undefined },
);

export const retentionFieldsArb = fc
  .record({
    target: matcher,
    return: matcher,
    interval: fc.constantFrom("hour", "hour", "day", "week"),
    periods: fc.integer({ min: 1, max: 6 }),
    range: range(3),
    timezone: tz,
    mode: fc.option(fc.constantFrom("recurring", "firstTime", "firstEver"), { nil: undefined }),
    measure: fc.option(fc.constantFrom("on", "onOrAfter"), { nil: undefined }),
    where,
    brackets,
  })
  .map((q) => clean({ kind: "retention" as const, ...q }));

const condition: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(funnelFieldsArb, fc.nat(), fc.boolean())
    .map(([f, k, dropped]) =>
      dropped
        ? { funnel: f, droppedAfter: k % (f.steps.length - 1) }
        : { funnel: f, reached: k % f.steps.length },
    ),
  fc
    .tuple(retentionFieldsArb, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 30 }), fc.nat(3))
    .map(([r, c, h, k]) => {
      const d = new Date(Date.parse(`${r.range.from}T00:00:00Z`) + c * 86_400_000).toISOString().slice(0, 10);
      // an hour cohort is named by its label, or a day by its first hour
      const cohort = r.interval === "hour" && h < 24 ? `${d}T${String(h).padStart(2, "0")}:00` : d;
      return { retention: r, cohort, returnedIn: k };
    }),
  fc.record({ performed: matcher, within: range(5) }),
);

export const fieldsQueryArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: funnelFieldsArb },
  {
    weight: 1,
    arbitrary: fc
      .tuple(funnelFieldsArb, fc.constantFrom("firstTouch", "lastTouch"), fc.integer({ min: 1, max: 3 }))
      .map(([f, attribution, limit]) => ({ ...f, breakdown: { property: "p", attribution, limit } })),
  },
  { weight: 3, arbitrary: retentionFieldsArb },
  {
    weight: 2,
    arbitrary: fc
      .record({ segment: condition, timezone: tz })
      .map((q) => clean({ kind: "segmentCount", ...q })),
  },
);
