import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { zonedParts } from "../../../src-main/time/zoned.ts";
import type { EventMatcher, Filter } from "../../../src-preload/contract/common.ts";
import type {
  FunnelQuery,
  LifecycleQuery,
  RetentionQuery,
  StickinessQuery,
} from "../../../src-preload/contract/queries.ts";
import type { FunnelResult, SegmentMembersResult } from "../../../src-preload/contract/results.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { type JourneySpec, type Journeys, journeys } from "../../helpers/journeys.ts";
import { oracleFunnel, oracleFunnelSteps } from "./oracle/funnel.ts";
import type { Ev, Log, Value } from "./oracle/log.ts";
import { oracleLifecycle, oracleRetention, oracleStickiness } from "./oracle/periods.ts";
import { oracleSegment } from "./oracle/segment.ts";
import { runQuery } from "./run-query.ts";

// The engine against the slow reference on random small logs: few users, few names, times on a
// coarse grid (so ties and window bounds happen) around the US spring DST change.

const BASE = Date.UTC(2024, 2, 9, 0, 0);
const HOUR = 3_600_000;
const NAMES = ["a", "b", "c"];
const RUNS = { numRuns: 120 };

const value = fc.oneof(
  fc.constant<Value>(1),
  fc.constant<Value>(2),
  fc.constant<Value>("x"),
  fc.constant<Value>("Xy"),
  fc.constant<Value>("é"),
  fc.constant<Value>(true),
);
const scalar = fc.constantFrom<string | number | boolean>(1, 2, 1.5, "x", "X", "xy", "É", "y", true, false);
const props = fc.option(value, { nil: undefined }).map((v) => (v === undefined ? {} : { p: v }));
const event = fc.record({
  event: fc.constantFrom(...NAMES),
  // a coarse grid makes ties and exact window bounds; minutes make logs without ties (fast paths)
  time: fc.oneof(
    fc.integer({ min: 0, max: 50 }).map((k) => BASE + k * 2 * HOUR),
    fc.integer({ min: 0, max: 6000 }).map((k) => BASE + k * 60_000),
  ),
  props,
});
const user = fc.record({
  events: fc.array(event, { maxLength: 7 }),
  tier: fc.option(fc.constantFrom<Value>("gold", "iron"), { nil: undefined }),
  created: fc.option(
    fc.integer({ min: -30, max: 50 }).map((k) => BASE + k * 2 * HOUR),
    { nil: undefined },
  ),
});
const logArb = fc.array(user, { minLength: 1, maxLength: 4 });

type Gen = fc.Arbitrary<typeof logArb extends fc.Arbitrary<infer T> ? T : never>;
/** The virtual properties the slow way: each event's wall clock through Intl. */
function clockProps(t: number, zone: string): Record<string, Value> {
  const p = zonedParts(t, zone);
  const dow = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return { $hour: p.hour, $weekday: ((dow + 6) % 7) + 1 };
}

function toLog(
  users: Gen extends fc.Arbitrary<infer T> ? T : never,
  zone: string,
): { log: Log; spec: JourneySpec } {
  const log: Log = { users: [], events: [] };
  const spec: JourneySpec = {};
  let seq = 0;
  users.forEach((u, i) => {
    const id = `u${i}`;
    const attrs: Record<string, Value> = u.tier === undefined ? {} : { tier: u.tier };
    log.users.push({ id, attrs, createdAt: u.created ?? null });
    for (const e of u.events)
      log.events.push({
        user: id,
        event: e.event,
        time: e.time,
        props: { ...e.props, ...clockProps(e.time, zone) },
        seq: seq++,
      } as Ev);
    spec[id] = {
      events: u.events.map((e) => [e.event, e.time, e.props]),
      ...(u.tier === undefined ? {} : { attributes: attrs }),
      ...(u.created === undefined ? {} : { createdAt: u.created }),
    } as JourneySpec[string];
  });
  return { log, spec };
}

const filter: fc.Arbitrary<Filter> = fc.oneof(
  fc.record({
    property: fc.constant("p"),
    op: fc.constantFrom("eq" as const, "neq" as const),
    value: value.map((v) => v as string | number | boolean),
  }),
  fc.record({ property: fc.constant("p"), op: fc.constantFrom("isSet" as const, "isNotSet" as const) }),
  fc.record({
    property: fc.constant("p"),
    op: fc.constantFrom("gte" as const, "lt" as const),
    value: fc.constantFrom(1, 2),
  }),
  // virtual properties: the times straddle the US spring DST change
  fc.record({
    property: fc.constant("$hour"),
    op: fc.constantFrom("eq" as const, "gte" as const, "lt" as const),
    value: fc.integer({ min: 0, max: 23 }),
  }),
  fc.record({
    property: fc.constant("$weekday"),
    op: fc.constantFrom("eq" as const, "neq" as const),
    value: fc.integer({ min: 1, max: 7 }),
  }),
  fc.record({
    property: fc.constant("tier"),
    scope: fc.constant("user" as const),
    op: fc.constant("eq" as const),
    value: fc.constant("gold"),
  }),
  // every op, across types and cases: the reference reads these from the spec on its own
  fc.record({
    property: fc.constant("p"),
    op: fc.constantFrom(
      "eq" as const,
      "neq" as const,
      "gt" as const,
      "gte" as const,
      "lt" as const,
      "lte" as const,
      "contains" as const,
      "notContains" as const,
      "startsWith" as const,
    ),
    value: scalar,
  }),
  fc.record({
    property: fc.constant("p"),
    op: fc.constant("between" as const),
    value: fc.tuple(scalar, scalar),
  }),
  fc.record({
    property: fc.constant("p"),
    op: fc.constantFrom("in" as const, "notIn" as const),
    value: fc.array(scalar, { maxLength: 3 }),
  }),
);
const matcher: fc.Arbitrary<EventMatcher> = fc.record(
  {
    event: fc.oneof(fc.constantFrom(...NAMES), fc.constant(null)),
    where: fc.array(filter, { maxLength: 1 }),
  },
  { requiredKeys: ["event"] },
);
const tz = fc.constantFrom("UTC", "America/New_York");
const range = fc
  .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 3 }))
  .map(([a, len]) => ({ from: day(a), to: day(a + len) }));
function day(k: number): string {
  return new Date(BASE + k * 24 * HOUR).toISOString().slice(0, 10);
}

const funnelArb: fc.Arbitrary<FunnelQuery> = fc
  .record({
    steps: fc.array(matcher, { minLength: 1, maxLength: 3 }),
    order: fc.constantFrom("ordered" as const, "strict" as const, "unordered" as const),
    window: fc.constantFrom(
      { value: 4, unit: "hour" as const },
      { value: 1, unit: "day" as const },
      { value: 360, unit: "minute" as const },
    ),
    range,
    where: fc.array(filter, { maxLength: 1 }),
    ex: fc.option(fc.record({ event: matcher, a: fc.nat(), b: fc.nat() }), { nil: undefined }),
    hold: fc.boolean(),
    skip: fc.boolean(),
  })
  .map(({ ex, hold, skip, ...q }) => {
    const n = q.steps.length;
    const out: FunnelQuery = { kind: "funnel", ...q };
    // issue 15: the middle step of an ordered 3-step funnel optional, `p` held constant
    const optional = skip && n === 3 && q.order === "ordered";
    if (optional) out.optionalSteps = [1];
    if (hold) out.holdConstant = ["p"];
    if (ex && n >= 2) {
      const from = q.order === "unordered" || optional ? 0 : ex.a % (n - 1);
      const to = q.order === "unordered" || optional ? n - 1 : from + 1 + (ex.b % (n - 1 - from));
      out.exclusions = [{ event: ex.event, fromStep: from, toStep: to }];
    }
    return out;
  });

async function withWorkspace<T>(
  users: Parameters<typeof toLog>[0],
  zone: string,
  f: (j: ReturnType<typeof journeys>, log: Log) => Promise<T>,
) {
  const { log, spec } = toLog(users, zone);
  const j = journeys(spec, { timezone: zone });
  try {
    return await f(j, log);
  } finally {
    j.close();
  }
}

/** Property names a query reads, by scope: every Filter's `property` and every aggregate's. */
function propertiesRead(node: unknown, into = { event: new Set<string>(), user: new Set<string>() }) {
  if (Array.isArray(node)) for (const x of node) propertiesRead(x, into);
  else if (node !== null && typeof node === "object") {
    const o: Record<string, unknown> = { ...node };
    if (typeof o.property === "string" && ("op" in o || "aggregate" in o))
      (o.scope === "user" ? into.user : into.event).add(o.property);
    if (Array.isArray(o.holdConstant)) for (const p of o.holdConstant) into.event.add(String(p));
    for (const v of Object.values(o)) propertiesRead(v, into);
  }
  return into;
}

/**
 * The rule for a name no event or user of the log carries: the query is rejected, naming it. The
 * virtual event properties (resources/docs/queries.md, "Extensions") exist in every workspace.
 * With several unknown names, the error names whichever the engine meets first: any of them.
 */
function unknownProperties(log: Log, query: unknown): string[] {
  const read = propertiesRead(query);
  const onEvents = new Set(["$hour", "$weekday", ...log.events.flatMap((e) => Object.keys(e.props))]);
  const onUsers = new Set(log.users.flatMap((u) => Object.keys(u.attrs)));
  return [
    ...[...read.event]
      .filter((name) => !onEvents.has(name))
      .map((name) => `unknown event property "${name}"`),
    ...[...read.user].filter((name) => !onUsers.has(name)).map((name) => `unknown user attribute "${name}"`),
  ];
}

/** Runs the query; when it reads a property the log lacks, checks that it is rejected instead. */
async function runOrReject<T>(j: Journeys, log: Log, query: unknown, check: (got: T) => void): Promise<void> {
  const unknown = unknownProperties(log, query);
  if (unknown.length === 0) {
    check(await runQuery<T>(j, query));
    return;
  }
  const error = await runQuery<T>(j, query).then(
    () => null,
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
  expect(error !== null && unknown.some((u) => error.includes(u)), `${error} names one of ${unknown}`).toBe(
    true,
  );
}

describe("engine = reference on random logs", () => {
  it("funnels (all orders, exclusions, where, held properties, optional steps)", async () => {
    await fc.assert(
      fc.asyncProperty(logArb, funnelArb, tz, async (users, q, zone) => {
        await withWorkspace(users, zone, async (j, log) => {
          await runOrReject<FunnelResult>(j, log, q, (got) => {
            const want = oracleFunnelSteps(oracleFunnel(log, q, zone), q);
            expect(got.steps.map((s) => [s.count, s.medianSecondsFromPrevious])).toEqual(
              want.map((s) => [s.count, s.median]),
            );
            got.steps.forEach((s, k) => {
              const w = want[k]?.avg ?? null;
              if (w === null) expect(s.avgSecondsFromPrevious).toBeNull();
              else expect(s.avgSecondsFromPrevious).toBeCloseTo(w, 6);
            });
            // each user counted in a later step has one time to convert in that step's row
            const hist = got.timeToConvert?.counts.map((row) => row.reduce((a, b) => a + b, 0));
            expect(hist).toEqual(want.map((s, k) => (k === 0 ? 0 : s.count)));
          });
        });
      }),
      RUNS,
    );
  });

  it("retention (modes, measures, where, hours across DST, brackets)", async () => {
    const bracket = fc
      .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 4 }))
      .map(([from, len]) => ({ from, to: from + len }));
    const q: fc.Arbitrary<RetentionQuery> = fc
      .record({
        kind: fc.constant("retention" as const),
        target: matcher,
        return: matcher,
        interval: fc.constantFrom("hour" as const, "day" as const, "week" as const),
        periods: fc.integer({ min: 1, max: 4 }),
        range,
        mode: fc.constantFrom("recurring" as const, "firstTime" as const, "firstEver" as const),
        measure: fc.constantFrom("on" as const, "onOrAfter" as const),
        weekStart: fc.constantFrom("monday" as const, "sunday" as const),
        where: fc.array(filter, { maxLength: 1 }),
        brackets: fc.option(fc.array(bracket, { minLength: 1, maxLength: 3 }), { nil: undefined }),
      })
      .map(({ brackets, ...rq }) => (brackets === undefined ? rq : { ...rq, brackets }));
    await fc.assert(
      fc.asyncProperty(logArb, q, tz, async (users, rq, zone) => {
        await withWorkspace(users, zone, async (j, log) => {
          await runOrReject(j, log, rq, (got) =>
            expect(got).toEqual(oracleRetention(log, rq, { tz: zone, weekStart: rq.weekStart ?? "monday" })),
          );
        });
      }),
      RUNS,
    );
  });

  it("lifecycle and stickiness", async () => {
    const lq: fc.Arbitrary<LifecycleQuery> = fc.record({
      kind: fc.constant("lifecycle" as const),
      event: matcher,
      interval: fc.constantFrom("day" as const, "week" as const),
      range,
      weekStart: fc.constantFrom("monday" as const, "sunday" as const),
    });
    const sq: fc.Arbitrary<StickinessQuery> = fc.record({
      kind: fc.constant("stickiness" as const),
      event: matcher,
      interval: fc.constantFrom("day" as const, "week" as const),
      range,
      mode: fc.constantFrom("exact" as const, "cumulative" as const),
    });
    await fc.assert(
      fc.asyncProperty(logArb, lq, sq, tz, async (users, l, s, zone) => {
        await withWorkspace(users, zone, async (j, log) => {
          await runOrReject(j, log, l, (got) =>
            expect(got).toEqual(oracleLifecycle(log, l, { tz: zone, weekStart: l.weekStart ?? "monday" })),
          );
          await runOrReject(j, log, s, (got) =>
            expect(got).toEqual(oracleStickiness(log, s, { tz: zone, weekStart: "monday" })),
          );
        });
      }),
      RUNS,
    );
  });

  it("segments (nested conditions)", async () => {
    const compare = fc.record({
      op: fc.constantFrom("gte" as const, "eq" as const, "lt" as const),
      value: fc.integer({ min: 0, max: 3 }),
    });
    const leaf: fc.Arbitrary<Segment> = fc.oneof(
      fc.record({ performed: matcher, count: compare, within: range }, { requiredKeys: ["performed"] }),
      fc.record({ attribute: filter.map((f) => ({ ...f, property: "tier", scope: "user" as const })) }),
      fc.record({ firstSeen: range }),
      fc.record({ lastSeen: range }),
      fc.record({
        aggregate: matcher,
        property: fc.constant("p"),
        fn: fc.constantFrom(
          "sum" as const,
          "avg" as const,
          "min" as const,
          "max" as const,
          "countDistinct" as const,
        ),
        compare,
      }),
      funnelArb.map((f) => ({ funnel: f, reached: Math.min(1, f.steps.length - 1) })),
    );
    const seg = fc.letrec<{ s: Segment }>((tie) => ({
      s: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        fc.record({ all: fc.array(tie("s"), { maxLength: 3 }) }),
        fc.record({ any: fc.array(tie("s"), { maxLength: 3 }) }),
        fc.record({ not: tie("s") }),
      ),
    })).s;
    await fc.assert(
      fc.asyncProperty(logArb, seg, tz, async (users, s, zone) => {
        await withWorkspace(users, zone, async (j, log) => {
          const q = { kind: "segmentMembers", segment: s, limit: 100 };
          await runOrReject<SegmentMembersResult>(j, log, q, (got) =>
            expect(got.rows.map((r) => r.userId).sort()).toEqual([...oracleSegment(log, s, zone)].sort()),
          );
        });
      }),
      { numRuns: 80 },
    );
  });
});
