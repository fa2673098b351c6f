import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EventMatcher, Filter } from "../../../src-preload/contract/common.ts";
import type { PathsQuery, PathsResult } from "../../../src-preload/contract/paths.ts";
import { ON_CLICKHOUSE } from "../../helpers/clickhouse-query.ts";
import { type JourneySpec, journeys } from "../../helpers/journeys.ts";
import type { Ev, Log, Value } from "../engine/oracle/log.ts";
import { oracleSegment } from "../engine/oracle/segment.ts";
import { runQuery } from "../engine/run-query.ts";
import { oraclePaths } from "./oracle-paths.ts";

// with STRATA_QUERY_ON=clickhouse each run pushes its log to the cluster: fewer runs there
const RUNS_ON_CLUSTER = Number(process.env.STRATA_CH_RUNS ?? 10);

// The engine's paths against the per-user reference on random small logs. Times sit on a 10-minute
// grid (so consecutive events are often exactly sessionGap apart, and tie), names include a real
// event called "$other", and the range cuts through the log.

const BASE = Date.UTC(2024, 5, 1, 22, 0);
const MIN = 60_000;
const NAMES = ["a", "b", "c", "d", "$other"];

const event = fc.record({
  event: fc.constantFrom(...NAMES),
  time: fc.integer({ min: 0, max: 40 }).map((k) => BASE + k * 10 * MIN),
  p: fc.option(fc.constantFrom<Value>(1, 2), { nil: undefined }),
});
const user = fc.record({
  events: fc.array(event, { maxLength: 9 }),
  tier: fc.option(fc.constant<Value>("gold"), { nil: undefined }),
});
// Queries naming a property no user or event carries are refused (issue 14), so every log carries the
// properties the queries name: when no user drew a tier, the last one is "silver" (never "gold", so
// "nobody matches" is still drawn), and when no event drew p, the first event has p = 2 (never 1, likewise).
const logArb = fc.array(user, { minLength: 1, maxLength: 7 }).map((users) => {
  const out = users.map((u) => ({ ...u, events: u.events.map((e) => ({ ...e })) }));
  const last = out[out.length - 1];
  if (last && !out.some((u) => u.tier !== undefined)) last.tier = "silver";
  if (!out.some((u) => u.events.length > 0)) out[0]?.events.push({ event: "a", time: BASE, p: 2 });
  const first = out.find((u) => u.events.length > 0);
  const ev = first?.events[0];
  if (first && ev && !out.some((u) => u.events.some((e) => e.p !== undefined)))
    first.events[0] = { ...ev, p: 2 };
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
        props: e.p === undefined ? {} : { p: e.p },
        seq: seq++,
      } as Ev);
    spec[id] = {
      events: u.events.map((e) => [e.event, e.time, e.p === undefined ? {} : { p: e.p }]),
      ...(u.tier === undefined ? {} : { attributes: attrs }),
    } as JourneySpec[string];
  });
  return { log, spec };
}

const matcher: fc.Arbitrary<EventMatcher> = fc.oneof(
  fc.constantFrom(...NAMES).map((event) => ({ event })),
  fc.constant<EventMatcher>({ event: "b", where: [{ property: "p", op: "eq", value: 1 }] }),
  fc.constant<EventMatcher>({ event: null, where: [{ property: "p", op: "isSet" }] }),
);
const query: fc.Arbitrary<PathsQuery> = fc
  .record({
    anchor: fc.constantFrom("start", "end", "none"),
    m: matcher,
    depth: fc.integer({ min: 2, max: 6 }),
    range: fc.constantFrom(
      { from: "2024-06-01", to: "2024-06-02" },
      { from: "2024-06-02", to: "2024-06-02" },
      { from: "2024-06-01", to: "2024-06-01" },
    ),
    gap: fc.constantFrom(10, 20, 30),
    collapse: fc.boolean(),
    hide: fc.subarray(["a", "c", "zz"], { maxLength: 2 }),
    limit: fc.integer({ min: 1, max: 4 }),
    where: fc.option(fc.constant<Filter[]>([{ property: "p", op: "neq", value: 2 }]), { nil: undefined }),
    segment: fc.boolean(),
  })
  .map((r) => {
    const q: PathsQuery = {
      kind: "paths",
      depth: r.depth,
      range: r.range,
      sessionGap: { value: r.gap, unit: "minute" },
      collapseRepeats: r.collapse,
      hide: r.hide,
      limit: r.limit,
    };
    if (r.anchor === "start") q.start = r.m;
    if (r.anchor === "end") q.end = r.m;
    if (r.where) q.where = r.where;
    if (r.segment) q.segment = { attribute: { property: "tier", scope: "user", op: "eq", value: "gold" } };
    return q;
  });

describe("paths against the per-user reference", () => {
  it("nodes, links and drop-off agree", async () => {
    await fc.assert(
      fc.asyncProperty(logArb, query, fc.constantFrom("UTC", "Asia/Kolkata"), async (users, q, tz) => {
        const { log, spec } = toLog(users);
        const j = journeys(spec, { timezone: tz });
        try {
          const got = await runQuery<PathsResult>(j, q);
          const members = q.segment ? oracleSegment(log, q.segment, tz) : null;
          expect(got).toEqual(oraclePaths(log, q, tz, members));
        } finally {
          j.close();
        }
      }),
      // on the cluster every run pushes its own log to a fresh database (about a second each)
      { numRuns: ON_CLICKHOUSE ? RUNS_ON_CLUSTER : 150 },
    );
  }, 600_000);
});
