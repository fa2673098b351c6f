import fc from "fast-check";
import type { Filter, Range } from "../../../src-preload/contract/common.ts";
import type { JourneySpec } from "../../helpers/journeys.ts";
import { BASE, clean, logArb, rangeArb } from "./arbitraries.ts";

// Random trends queries over the event logs of logArb (arbitraries.ts): events a-d around the 2024
// spring DST changes, property `p` (1, 2, 2.5, -0.1, strings, booleans: float sums whose order
// matters, every breakdown type) and the user attribute `tier`. Every measure and property
// function, the four intervals in zones with DST and odd offsets, breakdowns of both scopes with
// small limits (so "$other" is common), formulas, previous period, cumulative, where and segment.

const NAMES = ["a", "b", "c", "d"];
const ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Pacific/Chatham"];
const VALUES = [1, 2, 2.5, -0.1, "x", "X", "xy", true, false];

const value = fc.constantFrom<string | number | boolean>(...VALUES);

const range = rangeArb(4);

const filter: fc.Arbitrary<Filter> = fc.oneof(
  fc.record({
    property: fc.constant("p"),
    op: fc.constantFrom("eq", "neq", "gt", "lte", "contains") as fc.Arbitrary<
      "eq" | "neq" | "gt" | "lte" | "contains"
    >,
    value,
  }),
  fc.record({
    property: fc.constant("p"),
    op: fc.constantFrom("isSet", "isNotSet") as fc.Arbitrary<"isSet" | "isNotSet">,
  }),
  fc.record({
    property: fc.constant("tier"),
    scope: fc.constant("user" as const),
    op: fc.constantFrom("eq", "neq") as fc.Arbitrary<"eq" | "neq">,
    value,
  }),
);
const where = fc.option(fc.array(filter, { minLength: 1, maxLength: 2 }), { nil: undefined });

const matcher = fc
  .record({ event: fc.constantFrom<string | null>(...NAMES, null), where }, { requiredKeys: ["event"] })
  .map((m) => clean(m));

const measure = fc.option(
  fc.oneof(
    fc.constantFrom("events", "users", "eventsPerUser"),
    fc.record({
      fn: fc.constantFrom("sum", "avg", "min", "max", "median", "p90"),
      property: fc.constant("p"),
    }),
  ),
  { nil: undefined },
);

const series = fc
  .record({ event: matcher, measure, label: fc.option(fc.constant("L"), { nil: undefined }) })
  .map((s) => clean(s));

const breakdown = fc.option(
  fc.oneof(
    fc.record({
      property: fc.constant("p"),
      limit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    }),
    fc.record({
      property: fc.constant("tier"),
      scope: fc.constant("user" as const),
      limit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    }),
  ),
  { nil: undefined },
);

const FORMULAS = ["A + B", "A / B", "B / A * 100", "(A - B) / 2", "A * 2 + 1", "A / (B - B)"];

const segment = fc.option(
  fc.oneof(
    fc.record({ attribute: filter.filter((f) => f.property === "tier").map(({ scope: _, ...f }) => f) }),
    fc.record({ performed: fc.record({ event: fc.constantFrom(...NAMES) }) }),
  ),
  { nil: undefined },
);

export const trendsArb: fc.Arbitrary<unknown> = fc
  .record({
    series: fc.array(series, { minLength: 1, maxLength: 3 }),
    interval: fc.constantFrom("hour", "day", "week", "month"),
    range,
    timezone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
    weekStart: fc.option(fc.constantFrom("monday", "sunday"), { nil: undefined }),
    where,
    segment,
    breakdown,
    formula: fc.option(fc.constantFrom(...FORMULAS), { nil: undefined }),
    compare: fc.option(fc.constant("previousPeriod"), { nil: undefined }),
    cumulative: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map((q) => {
    const out: Record<string, unknown> = clean({ kind: "trends", ...q });
    // a formula names only the series there are
    if (typeof q.formula === "string" && q.series.length < 2) out.formula = "A * 2 + 1";
    return out;
  });

const HOUR = 3_600_000;
/**
 * Instants that are bucket starts in the zones above but fall inside a grid step of the compiled
 * bucket search (local midnights after a DST change, half and three-quarter hours): logArb's grid
 * times are whole UTC hours, which would leave "an event exactly on a bound" to chance.
 */
const BOUNDS_UTC_HOURS = [4, 5, 22, 23, 18.5, 10.75, 11.75, 0.5];
const onBound = fc
  .tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom(...BOUNDS_UTC_HOURS))
  .map(([d, h]) => BASE + d * 86_400_000 + h * HOUR);

/** logArb with a few events per log placed exactly on such bucket starts. */
export const trendsLogArb = fc
  .tuple(
    logArb,
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...NAMES), onBound, value), { minLength: 3, maxLength: 12 }),
  )
  .map(([spec, extra]): JourneySpec => {
    const ids = Object.keys(spec);
    for (const [n, name, t, p] of extra) {
      const id = ids[n % ids.length] as string;
      const u = spec[id];
      if (u === undefined || Array.isArray(u)) continue;
      spec[id] = { ...u, events: [...(u.events ?? []), [name, t, { p }]] };
    }
    return spec;
  });
