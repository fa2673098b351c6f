import fc from "fast-check";
import { expect, it } from "vitest";
import { revenue } from "../../../src-main/engine/metrics/revenue.ts";
import { RevenueQuery } from "../../../src-preload/contract/metric-queries.ts";
import { type JourneyEvent, type JourneySpec, journeys } from "../../helpers/journeys.ts";
import { addDays, localDate, periodStart } from "../../helpers/local-dates.ts";
import { testContext } from "./helpers.ts";

// Revenue per period against a slow reference that places each event by its local date (Intl, not
// the engine's calendar): a zone with a DST change inside the range, month ends, and day, week and
// month periods. Per period: revenue (whole prices: no order of addition shows), users with any
// event, users with a paying event (a buy whose price is a number).

const HOUR = 3_600_000;
const FROM = "2024-03-25";
const TO = "2024-04-08";
const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"];
const T0 = Date.UTC(2024, 2, 23); // two days before the range, in every zone

const event = fc.record({
  name: fc.constantFrom("buy", "view"),
  at: fc.integer({ min: 0, max: 20 * 24 - 1 }).map((h) => T0 + h * HOUR + 17 * 60_000),
  price: fc.option(fc.oneof(fc.integer({ min: -5, max: 50 }), fc.constant("12")), { nil: undefined }),
});
const users = fc.array(fc.array(event, { maxLength: 10 }), { minLength: 1, maxLength: 8 });

type Spec = { name: string; at: number; price: number | string | undefined }[][];

function reference(
  spec: Spec,
  zone: string,
  interval: "day" | "week" | "month",
  weekStart: "monday" | "sunday",
) {
  const starts: string[] = [];
  for (let d = FROM; d <= TO; d = addDays(d, 1)) {
    const s = periodStart(d, interval, weekStart);
    if (!starts.includes(s)) starts.push(s);
  }
  return starts.map((start) => {
    let rev = 0;
    const active = new Set<number>();
    const paying = new Set<number>();
    spec.forEach((evs, u) => {
      for (const e of evs) {
        const date = localDate(e.at, zone);
        if (date < FROM || date > TO || periodStart(date, interval, weekStart) !== start) continue;
        active.add(u);
        if (e.name === "buy" && typeof e.price === "number") {
          rev += e.price;
          paying.add(u);
        }
      }
    });
    return [start, rev, active.size, paying.size];
  });
}

it("places each event in its local period: revenue, active and paying users per period", async () => {
  await fc.assert(
    fc.asyncProperty(
      users,
      fc.constantFrom(...ZONES),
      fc.constantFrom("day" as const, "week" as const, "month" as const),
      fc.constantFrom("monday" as const, "sunday" as const),
      async (spec, zone, interval, weekStart) => {
        const js: JourneySpec = {};
        spec.forEach((evs, i) => {
          js[`u${i}`] = [...evs]
            .sort((a, b) => a.at - b.at)
            .map(
              (e): JourneyEvent =>
                e.price === undefined ? [e.name, e.at] : [e.name, e.at, { price: e.price }],
            );
        });
        // a price somewhere, so that the property exists (this user is outside the range)
        js.priced = [["buy", T0 - 30 * 24 * HOUR, { price: 1 }]];
        const j = journeys(js, { timezone: zone });
        try {
          const query = RevenueQuery.parse({
            kind: "revenue",
            event: { event: "buy" },
            property: "price",
            range: { from: FROM, to: TO },
            interval,
            weekStart,
          });
          const got = await revenue(query, testContext(j, query));
          expect(got.periods.map((p) => [p.start, p.revenue, p.activeUsers, p.payingUsers])).toEqual(
            reference(spec, zone, interval, weekStart),
          );
        } finally {
          j.close();
        }
      },
    ),
    { numRuns: 150 },
  );
}, 120_000);
