import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addAdoptionCounts,
  adoptionCounts,
  adoptionResult,
} from "../../../src-main/engine/metrics/adoption.ts";
import type { Filter } from "../../../src-preload/contract/common.ts";
import type { FeatureAdoptionQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { FeatureAdoptionResult } from "../../../src-preload/contract/metric-results.ts";
import { ON_CLICKHOUSE } from "../../helpers/clickhouse-query.ts";
import { type JourneySpec, journeys } from "../../helpers/journeys.ts";
import { addDays, localDate, periodStart } from "../../helpers/local-dates.ts";
import { joinsLikeOneThread, run } from "./helpers.ts";

// Feature adoption against a slow, obvious reference written from the spec (not the engine's scan):
// an event's local date comes from Intl, its period from that date's calendar; a user is active in
// the range (and in a period) with an activity event there (the named `active` event, else any event
// but a message delivery); a feature's users, events and per-period users count active users only.
// The range spans New York's spring-forward day, and the events sit around midnights and period edges.

const DAY = 86_400_000;
const FROM = "2024-03-04";
const TO = "2024-04-02";
const T0 = Date.UTC(2024, 2, 3);
const NAMES = ["open", "share", "buy", "email_sent"] as const;

interface Ev {
  name: (typeof NAMES)[number];
  t: number;
  /** the event's `plan` property is "pro" (else "free"): what a `where` keeps */
  pro: boolean;
}

// from the day before the range to the day after, often near or at a midnight
const event = (names: readonly Ev["name"][]) =>
  fc.record({
    name: fc.constantFrom(...names),
    t: fc.oneof(
      fc.integer({ min: T0, max: T0 + 32 * DAY }),
      fc
        .tuple(fc.integer({ min: 0, max: 32 }), fc.integer({ min: -6, max: 6 }))
        .map(([d, h]) => T0 + d * DAY + h * 3_600_000),
      // exactly a local midnight (UTC's, New York's in winter and in summer, Kolkata's at 18:30
      // UTC): a day's first instant
      fc
        .tuple(fc.integer({ min: 0, max: 32 }), fc.constantFrom(0, 4, 5, -5.5))
        .map(([d, h]) => T0 + d * DAY + h * 3_600_000),
    ),
    pro: fc.boolean(),
  });
// half the workspaces without a message delivery: then, with no `active`, every event is activity
// (the engine's one-pass path)
const users = fc
  .constantFrom(
    NAMES,
    NAMES.filter((n) => n !== "email_sent"),
  )
  .chain((names) => fc.array(fc.array(event(names), { maxLength: 8 }), { minLength: 1, maxLength: 8 }));
const PRO_ONLY: Filter[] = [{ property: "plan", op: "eq", value: "pro" }];
const query = fc.record(
  {
    interval: fc.constantFrom("day" as const, "week" as const, "month" as const),
    weekStart: fc.constantFrom("monday" as const, "sunday" as const),
    timezone: fc.constantFrom("UTC", "America/New_York", "Asia/Kolkata"),
    active: fc.constantFrom({ event: "open" }, { event: "email_sent" }),
    events: fc.constantFrom<string[]>(["share", "buy"], ["email_sent", "share", "share"], ["nope", "open"]),
    where: fc.constant(PRO_ONLY),
  },
  { requiredKeys: ["interval", "weekStart", "timezone"] },
);

function spec(us: Ev[][]): JourneySpec {
  // a user before the range holds the `plan` property even when the drawn users have no event (a
  // `where` on a property the workspace lacks is refused)
  const out: JourneySpec = { before: [["open", T0 - 10 * DAY, { plan: "free" }]] };
  us.forEach((evs, i) => {
    out[`u${i}`] = evs.map((e): [string, number, { plan: string }] => [
      e.name,
      e.t,
      { plan: e.pro ? "pro" : "free" },
    ]);
  });
  return out;
}

function reference(us: Ev[][], q: FeatureAdoptionQuery): FeatureAdoptionResult {
  const tz = q.timezone ?? "UTC";
  const periodOf = (date: string) => periodStart(date, q.interval ?? "week", q.weekStart ?? "monday");
  const periods: string[] = [];
  for (let d = FROM; d <= TO; d = addDays(d, 1)) {
    const p = periodOf(d);
    if (!periods.includes(p)) periods.push(p);
  }
  // a `where` keeps only its events, for activity as for the features
  const kept = (e: Ev) => q.where === undefined || e.pro;
  const isActivity = (e: Ev) => kept(e) && (q.active ? e.name === q.active.event : e.name !== "email_sent");
  const inRange = us.map((evs) =>
    evs
      .map((e) => ({ ...e, date: localDate(e.t, tz) }))
      .filter((e) => e.date >= FROM && e.date <= TO)
      .map((e) => ({ ...e, period: periodOf(e.date) })),
  );
  const active = inRange.filter((evs) => evs.some(isActivity));
  const activeIn = (p: string) => active.filter((evs) => evs.some((e) => isActivity(e) && e.period === p));
  const occurring = new Set(us.flat().map((e) => e.name));
  const names = q.events ? [...new Set(q.events)] : NAMES.filter((n) => occurring.has(n));
  const rate = (x: number, a: number) => (a > 0 ? x / a : null);
  const features = names.map((name) => {
    const did = active.filter((evs) => evs.some((e) => e.name === name && kept(e)));
    return {
      event: name,
      users: did.length,
      events: active.flat().filter((e) => e.name === name && kept(e)).length,
      adoption: rate(did.length, active.length),
      trend: periods.map((start) => {
        const a = activeIn(start);
        const x = a.filter((evs) => evs.some((e) => e.name === name && kept(e) && e.period === start)).length;
        return { start, users: x, activeUsers: a.length, adoption: rate(x, a.length) };
      }),
    };
  });
  if (q.events) return { activeUsers: active.length, features };
  const done = features.filter((f) => f.users > 0);
  done.sort((a, b) => b.users - a.users || a.event.localeCompare(b.event));
  return { activeUsers: active.length, features: done };
}

describe("featureAdoption", () => {
  it("matches a slow reference of the spec, in any timezone, interval and week start", async () => {
    await fc.assert(
      fc.asyncProperty(users, query, async (us, shape) => {
        const q: FeatureAdoptionQuery = { kind: "featureAdoption", range: { from: FROM, to: TO }, ...shape };
        const j = journeys(spec(us));
        try {
          expect(await run(j, q)).toEqual(reference(us, q));
        } finally {
          j.close();
        }
      }),
      { numRuns: ON_CLICKHOUSE ? 8 : 200 },
    );
  }, 240_000);

  it("joins to the one-thread answer exactly, wherever the users are cut", () => {
    const q: FeatureAdoptionQuery = { kind: "featureAdoption", range: { from: FROM, to: TO } };
    return joinsLikeOneThread(
      users.map(spec),
      {
        whole: async (ctx) => adoptionResult(await adoptionCounts(q, ctx, 0, ctx.timeline.nUsers)),
        part: (ctx, from, to) => adoptionCounts(q, ctx, from, to),
        join: (parts) => adoptionResult(addAdoptionCounts(parts)),
      },
      100,
    );
  });
});
