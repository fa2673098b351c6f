import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Range } from "../../../src-preload/contract/common.ts";
import type { SegmentFlowQuery, SegmentFlowResult } from "../../../src-preload/contract/paths.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { ON_CLICKHOUSE } from "../../helpers/clickhouse-query.ts";
import { type JourneySpec, journeys } from "../../helpers/journeys.ts";
import type { Ev, Log, Value } from "../engine/oracle/log.ts";
import { runQuery } from "../engine/run-query.ts";
import { oracleFlow } from "./oracle-flow.ts";

// with STRATA_QUERY_ON=clickhouse each run pushes its log to the cluster: fewer runs there
const RUNS_ON_CLUSTER = Number(process.env.STRATA_CH_RUNS ?? 10);

// The engine's segment flow against the per-user reference: events over three weeks of June 2024,
// states built from performed (bare names, filtered, any event) / firstSeen / lastSeen / attributes
// with relative and absolute ranges, in all / any / not groups, dates or `every`. The workspace's
// as-of is pinned so relative ranges of `at` are reproducible. States with an aggregate condition
// take the engine's date-by-date path (cut timelines); the others its one-pass walk: both are drawn.

const BASE = Date.UTC(2024, 5, 1, 0, 0);
const HOUR = 3_600_000;
const NAMES = ["read", "share", "buy"];
const AS_OF = "2024-06-20";

const user = fc.record({
  events: fc.array(
    fc.record({
      event: fc.constantFrom(...NAMES),
      time: fc.integer({ min: 0, max: 20 * 24 }).map((h) => BASE + h * HOUR),
      amount: fc.integer({ min: 0, max: 50 }),
    }),
    { maxLength: 8 },
  ),
  tier: fc.option(fc.constant<Value>("gold"), { nil: undefined }),
});
// Queries naming a property no user or event carries are refused (issue 14), so every log carries the
// properties the queries name: when no user drew a tier, the last one is "silver" (never "gold", so
// "nobody matches" is still drawn); every event carries an amount, and a log without events gets one.
const logArb = fc.array(user, { minLength: 1, maxLength: 6 }).map((users) => {
  const out = users.map((u) => ({ ...u, events: u.events.map((e) => ({ ...e })) }));
  const last = out[out.length - 1];
  if (last && !out.some((u) => u.tier !== undefined)) last.tier = "silver";
  if (last && !out.some((u) => u.events.length > 0))
    last.events.push({ event: "read", time: BASE + 5 * 24 * HOUR, amount: 1 });
  return out;
});
type Users = typeof logArb extends fc.Arbitrary<infer T> ? T : never;

function toLog(users: Users): { log: Log; spec: JourneySpec } {
  const log: Log = { users: [], events: [] };
  const spec: JourneySpec = {};
  let seq = 0;
  users.forEach((u, i) => {
    const id = `u${i}`;
    const attrs: Record<string, Value> = u.tier === undefined ? {} : { tier: u.tier };
    log.users.push({ id, attrs, createdAt: null });
    for (const e of u.events)
      log.events.push({
        user: id,
        event: e.event,
        time: e.time,
        props: { amount: e.amount },
        seq: seq++,
      } as Ev);
    spec[id] = {
      events: u.events.map((e) => [e.event, e.time, { amount: e.amount }]),
      ...(u.tier === undefined ? {} : { attributes: attrs }),
    } as JourneySpec[string];
  });
  return { log, spec };
}

const range: fc.Arbitrary<Range> = fc.oneof(
  fc.record({
    last: fc.integer({ min: 1, max: 10 }),
    unit: fc.constantFrom("day" as const, "week" as const),
  }),
  fc.constantFrom({ from: "2024-06-03", to: "2024-06-09" }, { from: "2024-06-10", to: "2024-06-30" }),
);
const matcher = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NAMES).map((event) => ({ event })) },
  fc.record({
    event: fc.constantFrom<string | null>("buy", null),
    where: fc
      .integer({ min: 0, max: 50 })
      .map((value) => [{ property: "amount", op: "gte" as const, value }]),
  }),
  fc.constant({ event: null }),
);
const condition: fc.Arbitrary<Segment> = fc.oneof(
  fc.record(
    {
      performed: matcher,
      count: fc.record({
        op: fc.constantFrom("gte" as const, "eq" as const),
        value: fc.integer({ min: 0, max: 3 }),
      }),
      within: range,
    },
    { requiredKeys: ["performed"] },
  ),
  range.map((firstSeen) => ({ firstSeen })),
  range.map((lastSeen) => ({ lastSeen })),
  fc.constant<Segment>({ attribute: { property: "tier", scope: "user", op: "eq", value: "gold" } }),
);
// read through the date-by-date path: the walk does not compile aggregates
const aggregate: fc.Arbitrary<Segment> = fc.record(
  {
    aggregate: matcher,
    property: fc.constant("amount"),
    fn: fc.constantFrom("sum" as const, "max" as const),
    compare: fc.record({ op: fc.constant("gte" as const), value: fc.integer({ min: 0, max: 80 }) }),
    within: range,
  },
  { requiredKeys: ["aggregate", "property", "fn", "compare"] },
);
const segment: fc.Arbitrary<Segment> = fc.oneof(
  { weight: 4, arbitrary: condition },
  fc.array(condition, { minLength: 1, maxLength: 2 }).map((all) => ({ all })),
  fc.array(condition, { minLength: 1, maxLength: 2 }).map((any) => ({ any })),
  condition.map((c) => ({ not: c })),
  aggregate,
);
const dates = fc
  .uniqueArray(fc.integer({ min: 0, max: 24 }), { minLength: 2, maxLength: 5 })
  .map((ks) =>
    ks.sort((a, b) => a - b).map((k) => new Date(BASE + (k - 2) * 24 * HOUR).toISOString().slice(0, 10)),
  );
const at: fc.Arbitrary<SegmentFlowQuery["at"]> = fc.oneof(
  { weight: 3, arbitrary: dates },
  fc.record({
    every: fc.constantFrom("day" as const, "week" as const, "month" as const),
    range: fc.constantFrom<Range>({ from: "2024-06-05", to: "2024-06-19" }, { last: 3, unit: "week" }),
  }),
);
const query: fc.Arbitrary<SegmentFlowQuery> = fc
  .record({
    states: fc.array(segment, { minLength: 1, maxLength: 3 }),
    at,
    segment: fc.option(segment, { nil: undefined }),
  })
  .map((r) => ({
    kind: "segmentFlow" as const,
    states: r.states.map((s, i) => ({ label: `S${i}`, segment: s })),
    at: r.at,
    ...(r.segment ? { segment: r.segment } : {}),
  }));

describe("segment flow against the per-user reference", () => {
  it("counts and transition matrices agree", async () => {
    await fc.assert(
      fc.asyncProperty(
        logArb,
        query,
        fc.constantFrom("UTC", "America/New_York"),
        fc.constantFrom("monday" as const, "sunday" as const),
        async (users, q, tz, weekStart) => {
          const { log, spec } = toLog(users);
          const j = journeys(spec, { timezone: tz, asOf: { mode: "fixed", date: AS_OF } });
          try {
            const got = await runQuery<SegmentFlowResult>(j, { ...q, weekStart });
            expect(got).toEqual(oracleFlow(log, q, tz, AS_OF, weekStart));
          } finally {
            j.close();
          }
        },
      ),
      // on the cluster every run pushes its own log to a fresh database (about a second each)
      { numRuns: ON_CLICKHOUSE ? RUNS_ON_CLUSTER : 120 },
    );
  }, 600_000);
});
