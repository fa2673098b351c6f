import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { journeys } from "../../helpers/journeys.ts";
import { ACTIVITY_CASES, type Ev, spec, usersAt } from "./activity-cases.ts";
import { fixed, run } from "./helpers.ts";

// Churn against a slow, obvious reference written from the spec's words: a user is active in a week
// (Monday to Sunday, UTC) when one of their events that week counts (by default every event but
// message deliveries; a chosen event, deliveries included; a `where` on the event's properties);
// per week, the active users, the new ones (created that week: their first event of any kind),
// those active again the next week (none for the last), the rest churned, and the retention rate
// (active - new) / active the week before. The cases of activity-cases.ts: the default activity, a
// bare event, a chosen delivery and a filter.

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const FROM = "2024-06-03"; // a Monday
const TO = "2024-06-30"; // a Sunday: four whole weeks
const FROM_MS = Date.parse(`${FROM}T00:00:00Z`);
const WEEKS = 4;

// from two weeks before the range to a week after it, often at a week's first or last millisecond
const users = usersAt(
  fc.oneof(
    fc.integer({ min: FROM_MS - 2 * WEEK, max: FROM_MS + (WEEKS + 1) * WEEK }),
    fc
      .tuple(fc.integer({ min: -1, max: WEEKS }), fc.constantFrom(0, WEEK - 1))
      .map(([w, ms]) => FROM_MS + w * WEEK + ms),
  ),
  FROM_MS - 10 * WEEK,
);

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

describe("churn", () => {
  for (const { name, query, counts } of ACTIVITY_CASES)
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
