import fc from "fast-check";
import type { Filter, Range } from "../../../src-preload/contract/common.ts";
import { BASE, clean } from "./arbitraries.ts";

// Random paths and segment flow queries (spec/queries.md v1.1), and the segment conditions that
// click into them, over the event logs of arbitraries.ts (events a..d on a coarse grid with ties
// and at odd milliseconds around the 2024 spring DST changes, a property p, a user attribute tier).
// Session gaps straddle the grid (exactly 6 h, a minute, a second), so "exactly sessionGap does not
// cut" is drawn often; limits of 1 to 3 make "$other" common.

const NAMES = ["a", "b", "c", "d"];
const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Pacific/Chatham"];
const VALUES = [1, 2.5, "x", "X", true];
const DAY = 86_400_000;

const day = (lo: number, hi: number) =>
  fc.integer({ min: lo, max: hi }).map((k) => new Date(BASE + k * DAY).toISOString().slice(0, 10));
const range: fc.Arbitrary<Range> = fc.oneof(
  fc.tuple(day(-3, 30), day(-3, 30)).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
  fc.record({
    last: fc.integer({ min: 1, max: 5 }),
    unit: fc.constantFrom("day", "week", "month") as fc.Arbitrary<"day" | "week" | "month">,
  }),
);
const tz = fc.option(fc.constantFrom(...ZONES), { nil: undefined });
const filter: fc.Arbitrary<Filter> = fc.oneof(
  fc.record({
    property: fc.constant("p"),
    op: fc.constantFrom("eq", "neq", "gte", "contains") as fc.Arbitrary<"eq" | "neq" | "gte" | "contains">,
    value: fc.constantFrom(...VALUES),
  }),
  fc.record({ property: fc.constant("p"), op: fc.constantFrom("isSet", "isNotSet") } as const),
  fc.record({
    property: fc.constant("tier"),
    scope: fc.constant("user" as const),
    op: fc.constantFrom("eq", "neq") as fc.Arbitrary<"eq" | "neq">,
    value: fc.constantFrom(...VALUES),
  }),
);
/** Absent three times in four (fc.option leaves a value out only one time in five). */
function rarely<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

const where = rarely(fc.array(filter, { minLength: 1, maxLength: 2 }));
const matcher = fc
  .record({ event: fc.constantFrom<string | null>(...NAMES, null), where }, { requiredKeys: ["event"] })
  .map((m) => clean(m));
const compare = fc.record({
  op: fc.constantFrom("gte", "eq", "lt") as fc.Arbitrary<"gte" | "eq" | "lt">,
  value: fc.integer({ min: 0, max: 3 }),
});

// per-user conditions: what a flow state can hold and what the paths' segment is drawn from
const condition: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .record({ performed: matcher, count: fc.option(compare, { nil: undefined }), within: fc.option(range) })
    .map((c) => clean({ ...c, within: c.within ?? undefined })),
  fc.record({ firstSeen: range }),
  fc.record({ lastSeen: range }),
  fc.constantFrom(
    { attribute: { property: "tier", scope: "user", op: "eq", value: "x" } },
    { attribute: { property: "tier", scope: "user", op: "isSet" } },
  ),
  fc
    .record({
      aggregate: matcher,
      property: fc.constant("p"),
      fn: fc.constantFrom("sum", "max", "countDistinct"),
      compare,
      within: fc.option(range, { nil: undefined }),
    })
    .map(clean),
  fc
    .record({
      sequence: fc.array(matcher, { minLength: 1, maxLength: 2 }),
      window: fc.record({ value: fc.constantFrom(1, 6, 30), unit: fc.constantFrom("minute", "hour") }),
      within: fc.option(range, { nil: undefined }),
    })
    .map(clean),
);
const segment: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: condition },
  { weight: 1, arbitrary: fc.array(condition, { maxLength: 2 }).map((all) => ({ all })) },
  { weight: 1, arbitrary: fc.array(condition, { maxLength: 2 }).map((any) => ({ any })) },
  { weight: 1, arbitrary: condition.map((not) => ({ not })) },
);

// the logs hold a dozen events per user over four weeks: gaps of hours to days make paths long,
// and multiples of the logs' 6-hour grid make gaps of exactly sessionGap (which do not cut) common
const sessionGap = fc.oneof(
  fc.constant(undefined),
  fc.record({ value: fc.constantFrom(1, 30), unit: fc.constantFrom("second", "minute") }),
  {
    weight: 6,
    arbitrary: fc.integer({ min: 1, max: 8 }).map((k) => ({ value: 6 * k, unit: "hour" as const })),
  },
  { weight: 2, arbitrary: fc.record({ value: fc.constantFrom(1, 2, 7), unit: fc.constant("day") }) },
);
// mostly the whole log, sometimes part of it
const pathsRange = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Range>({ from: "2024-03-01", to: "2024-04-03" }) },
  { weight: 1, arbitrary: range },
);

export const pathsArb = fc
  .record({
    anchor: fc.constantFrom("start", "end", "none"),
    m: matcher,
    depth: fc.option(fc.integer({ min: 2, max: 6 }), { nil: undefined }),
    range: pathsRange,
    timezone: tz,
    where,
    segment: rarely(segment),
    sessionGap,
    collapseRepeats: fc.option(fc.boolean(), { nil: undefined }),
    hide: rarely(fc.subarray([...NAMES, "nothing"], { minLength: 1, maxLength: 2 })),
    limit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  })
  .map(({ anchor, m, ...q }) =>
    clean({
      kind: "paths" as const,
      ...(anchor === "start" ? { start: m } : anchor === "end" ? { end: m } : {}),
      ...q,
    }),
  );

// explicit dates, or `every` over a range short enough for at most 24 of them
const at = fc.oneof(
  fc
    .uniqueArray(fc.integer({ min: -3, max: 30 }), { minLength: 2, maxLength: 5 })
    .map((ks) => ks.sort((a, b) => a - b).map((k) => new Date(BASE + k * DAY).toISOString().slice(0, 10))),
  fc.record({
    every: fc.constantFrom("week", "month") as fc.Arbitrary<"week" | "month">,
    range,
  }),
  fc.record({
    every: fc.constant("day" as const),
    range: fc.oneof(
      day(-3, 10).map((from) => ({
        from,
        to: new Date(Date.parse(from) + 12 * DAY).toISOString().slice(0, 10),
      })),
      fc.record({ last: fc.integer({ min: 2, max: 20 }), unit: fc.constant("day" as const) }),
    ),
  }),
);

export const flowArb = fc
  .record({
    states: fc.array(segment, { minLength: 1, maxLength: 3 }),
    at,
    timezone: tz,
    weekStart: fc.option(fc.constantFrom("monday", "sunday") as fc.Arbitrary<"monday" | "sunday">, {
      nil: undefined,
    }),
    segment: fc.option(segment, { nil: undefined }),
  })
  .map((q) =>
    clean({
      kind: "segmentFlow" as const,
      ...q,
      states: q.states.map((s, i) => ({ label: `S${i}`, segment: s })),
    }),
  );

/** A click on a paths chart: a node, or a link to the next step, by label ($other included). */
const pathsCondition = fc
  .record({
    paths: pathsArb,
    step: fc.constantFrom(0, 0, 1, 2),
    event: fc.constantFrom(...NAMES, "$other"),
    to: fc.option(fc.constantFrom(...NAMES, "$other"), { nil: undefined }),
  })
  .map(clean);

/** A click on a flow: a state at one of its explicit dates, and maybe the state at the next. */
const flowCondition = fc
  .record({
    flow: flowArb,
    dates: fc
      .uniqueArray(fc.integer({ min: -3, max: 30 }), { minLength: 2, maxLength: 4 })
      .map((ks) => ks.sort((a, b) => a - b).map((k) => new Date(BASE + k * DAY).toISOString().slice(0, 10))),
    i: fc.nat(),
    x: fc.nat(),
    y: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ flow, dates, i, x, y }) => {
    const labels = [...flow.states.map((s) => s.label), "$none", "$notYet"];
    const k = i % (y === undefined ? dates.length : dates.length - 1);
    return clean({
      segmentFlow: { ...flow, at: dates },
      at: dates[k] as string,
      state: labels[x % labels.length] as string,
      next: y === undefined ? undefined : (labels[y % labels.length] as string),
    });
  });

export const pathsQueryArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: pathsArb },
  { weight: 3, arbitrary: flowArb },
  {
    weight: 2,
    arbitrary: fc
      .record({ segment: fc.oneof(pathsCondition, flowCondition), timezone: tz })
      .map((q) => clean({ kind: "segmentCount", ...q })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        steps: fc.array(matcher, { minLength: 1, maxLength: 2 }),
        range,
        segment: fc.oneof(pathsCondition, flowCondition),
      })
      .map((q) => ({ kind: "funnel", ...q })),
  },
);
