import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChurnQuery } from "../../../src-preload/contract/metric-queries.ts";
import { type JourneySpec, journeys } from "../../helpers/journeys.ts";
import { fixed, run } from "./helpers.ts";

// Churn against a slow, obvious reference written from the spec's words: a user is active in a week
// (Monday to Sunday, UTC) when one of their events that week counts (by default every event but
// message deliveries; a chosen event, deliveries included; a `where` on the event's properties);
// per week, the active users, the new ones (created that week: their first event of any kind),
// those active again the next week (none for the last), the rest churned, and the retention rate
// (active - new) / active the week before. The engine's loop tests a bare event name inline, every
// event without a test, or calls the predicate: the queries below take each way.

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const FROM = "2024-06-03"; // a Monday
const TO = "2024-06-30"; // a Sunday: four whole weeks
const FROM_MS = Date.parse(`${FROM}T00:00:00Z`);
const WEEKS = 4;
const NAMES = ["open", "view", "email_sent"] as const;

interface Ev {
  name: (typeof NAMES)[number];
  t: number;
  bot: boolean;
}

// from two weeks before the range to a week after it, often at a week's first or last millisecond
const event = fc.record({
  name: fc.constantFrom(...NAMES),
  t: fc.oneof(
    fc.integer({ min: FROM_MS - 2 * WEEK, max: FROM_MS + (WEEKS + 1) * WEEK }),
    fc
      .tuple(fc.integer({ min: -1, max: WEEKS }), fc.constantFrom(0, WEEK - 1))
      .map(([w, ms]) => FROM_MS + w * WEEK + ms),
  ),
  bot: fc.boolean(),
});
// and one user active long before the range, with the filter's property, which must be known
const users = fc
  .array(fc.array(event, { maxLength: 8 }), { minLength: 1, maxLength: 8 })
  .map((us): Ev[][] => [...us, [{ name: "open", t: FROM_MS - 10 * WEEK, bot: true }]]);

function spec(us: Ev[][]): JourneySpec {
  const out: JourneySpec = {};
  us.forEach((evs, i) => {
    out[`u${i}`] = evs.map((e): [string, number, Record<string, boolean>] => [
      e.name,
      e.t,
      e.bot ? { bot: true } : {},
    ]);
  });
  return out;
}

const weekOf = (t: number) => Math.floor((t - FROM_MS) / WEEK);
const date = (w: number) => new Date(FROM_MS + w * WEEK).toISOString().slice(0, 10);
const rate = (num: number, den: number) => (den > 0 ? num / den : null);

function reference(us: Ev[][], counts: (e: Ev) => boolean) {
  const activeWeeks = us.map((evs) => new Set(evs.filter(counts).map((e) => weekOf(e.t))));
  const created = us.map((evs) => (evs.length === 0 ? null : weekOf(Math.min(...evs.map((e) => e.t)))));
  const active = (w: number) => activeWeeks.filter((weeks) => weeks.has(w)).length;
  return Array.from({ length: WEEKS }, (_, w) => {
    const a = active(w);
    const fresh = activeWeeks.filter((weeks, u) => weeks.has(w) && created[u] === w).length;
    const kept =
      w + 1 < WEEKS ? activeWeeks.filter((weeks) => weeks.has(w) && weeks.has(w + 1)).length : null;
    return {
      start: date(w),
      active: a,
      new: fresh,
      retainedNext: kept,
      churned: kept === null ? null : a - kept,
      churnRate: kept === null ? null : rate(a - kept, a),
      retentionRate: w === 0 ? null : rate(a - fresh, active(w - 1)),
    };
  });
}

const QUERIES: { name: string; query: Partial<ChurnQuery>; counts: (e: Ev) => boolean }[] = [
  // every event but the deliveries: the predicate
  { name: "activity", query: {}, counts: (e) => e.name !== "email_sent" },
  // a bare event name: its code compared inline
  { name: "one event", query: { event: { event: "view" } }, counts: (e) => e.name === "view" },
  // a chosen delivery counts
  { name: "a delivery", query: { event: { event: "email_sent" } }, counts: (e) => e.name === "email_sent" },
  {
    name: "a filter",
    query: { where: [{ property: "bot", op: "neq", value: true }] },
    counts: (e) => e.name !== "email_sent" && !e.bot,
  },
];

describe("churn", () => {
  for (const { name, query, counts } of QUERIES)
    it(`matches a slow reference of the spec's words: ${name}`, async () => {
      await fc.assert(
        fc.asyncProperty(users, async (us) => {
          const j = journeys(spec(us), fixed(TO));
          try {
            const r = await run(j, {
              kind: "churn",
              interval: "week",
              weekStart: "monday",
              range: { from: FROM, to: TO },
              ...query,
            });
            expect(r.periods).toEqual(reference(us, counts));
          } finally {
            j.close();
          }
        }),
        { numRuns: 60 },
      );
    });
});
