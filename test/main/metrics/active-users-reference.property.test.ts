import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { journeys } from "../../helpers/journeys.ts";
import { ACTIVITY_CASES, type Ev, spec, usersAt } from "./activity-cases.ts";
import { fixed, run } from "./helpers.ts";

// Active users against a slow, obvious reference written from the spec's words: a user is active on
// a UTC day when one of their events that day counts (by default every event but message
// deliveries; a chosen event, deliveries included; a `where` on the event's properties); DAU counts
// the day's active users, WAU and MAU those active in the 7 and 30 days up to it (days before the
// range count); a day's new users are active that day and created that day (their first event of
// any kind, without a profile's date). The engine's loop tests a bare event name inline, every
// event without a test, or calls the predicate: the cases of activity-cases.ts take each way.

const DAY = 86_400_000;
const FROM = "2024-06-08";
const TO = "2024-06-14";
const FROM_MS = Date.parse(`${FROM}T00:00:00Z`);
const DAYS = 7;

// from 35 days before the range (outside every trailing window) to 2 days after it, often at a
// day's first or last millisecond
const users = usersAt(
  fc.oneof(
    fc.integer({ min: FROM_MS - 35 * DAY, max: FROM_MS + (DAYS + 2) * DAY }),
    fc
      .tuple(fc.integer({ min: -31, max: DAYS }), fc.constantFrom(0, DAY - 1))
      .map(([d, ms]) => FROM_MS + d * DAY + ms),
  ),
  FROM_MS - 40 * DAY,
);

const dayOf = (t: number) => Math.floor((t - FROM_MS) / DAY);
const date = (d: number) => new Date(FROM_MS + d * DAY).toISOString().slice(0, 10);

function reference(us: Ev[][], counts: (e: Ev) => boolean) {
  const activeDays = us.map((evs) => new Set(evs.filter(counts).map((e) => dayOf(e.t))));
  const created = us.map((evs) => (evs.length === 0 ? null : dayOf(Math.min(...evs.map((e) => e.t)))));
  const activeIn = (lo: number, hi: number) =>
    activeDays.filter((days) => [...days].some((d) => d >= lo && d <= hi)).length;
  const days = Array.from({ length: DAYS }, (_, d) => [
    date(d),
    activeIn(d, d),
    activeIn(d - 6, d),
    activeIn(d - 29, d),
  ]);
  const periods = Array.from({ length: DAYS }, (_, d) => {
    const active = activeIn(d, d);
    const fresh = activeDays.filter((days, u) => days.has(d) && created[u] === d).length;
    return { start: date(d), active, new: fresh, returning: active - fresh };
  });
  return { days, periods };
}

describe("activeUsers", () => {
  for (const { name, query, counts } of ACTIVITY_CASES)
    it(`match a slow reference of the spec's words: ${name}`, async () => {
      await fc.assert(
        fc.asyncProperty(users, async (us) => {
          const j = journeys(spec(us), fixed(TO));
          try {
            const r = await run(j, { kind: "activeUsers", range: { from: FROM, to: TO }, ...query });
            expect({
              days: r.days.map((d) => [d.date, d.dau, d.wau, d.mau]),
              periods: r.periods,
            }).toEqual(reference(us, counts));
          } finally {
            j.close();
          }
        }),
        { numRuns: 60 },
      );
    });
});
