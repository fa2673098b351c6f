import fc from "fast-check";
import { expect, it } from "vitest";
import { rfmValues } from "../../../src-main/engine/rfm.ts";
import { RfmQuery } from "../../../src-preload/contract/segment.ts";
import { type JourneyEvent, type JourneySpec, journeys } from "../../helpers/journeys.ts";
import { fixed, testContext } from "./helpers.ts";

// rfm's raw values (each scored user's days since the last matching event, count and spend) against
// a slow reference read straight from the journeys: the bare-name scan (one pass over the codes) and
// the filtered one (each user's events), with a segment, events on the range's edges, and slices
// cut anywhere as the query workers cut them. A bare name is scanned both ways: in the timeline, and
// over the event's own copy of its events (code-events.ts), whatever the event's share.

const DAY = 86_400_000;
const FROM = Date.UTC(2024, 5, 1);
const TO = Date.UTC(2024, 5, 11); // the range is June 1-10: [FROM, TO)
const NAMES = ["buy", "view", "refund"] as const;

const event = fc.record({
  name: fc.constantFrom(...NAMES),
  // before, inside and after the range, its edges included
  at: fc.oneof(
    fc.integer({ min: FROM - 3 * DAY, max: TO + 3 * DAY }),
    fc.constantFrom(FROM, FROM - 1, TO, TO - 1),
  ),
  // a boolean is not an amount (the engine keeps it as 1 beside its tag)
  price: fc.option(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(true)), { nil: undefined }),
  // frequencyDistinct's property: a string and a number never count as one value
  invoice: fc.option(fc.constantFrom("a", "b", -1, 1, 2), { nil: undefined }),
});
// a few events a user, or enough that the scan streams a user's amounts (rfm.ts STREAMED_SPAN)
const userEvents = fc.oneof(
  fc.array(event, { maxLength: 8 }),
  fc.array(event, { minLength: 24, maxLength: 48 }),
);
const users = fc.array(userEvents, { minLength: 1, maxLength: 12 });

interface Raw {
  user: string;
  recencyDays: number;
  frequency: number;
  monetary: number;
}

const amount = (price: number | boolean | undefined) => (typeof price === "number" ? price : 0);

type Spec = {
  name: string;
  at: number;
  price: number | boolean | undefined;
  invoice: string | number | undefined;
}[][];

/**
 * The reference: per user, events named `buy` in [FROM, TO), with price > 10 when `filtered`; with
 * `distinct`, the frequency is the number of distinct invoices among them.
 */
function reference(spec: Spec, filtered: boolean, distinct: boolean): Raw[] {
  const out: Raw[] = [];
  spec.forEach((evs, i) => {
    if (i % 3 === 2) return; // not in the segment (plan "out")
    const hits = evs.filter(
      (e) => e.name === "buy" && e.at >= FROM && e.at < TO && (!filtered || amount(e.price) > 10),
    );
    if (hits.length === 0) return;
    const last = Math.max(...hits.map((e) => e.at));
    out.push({
      user: `u${i}`,
      recencyDays: Math.floor((TO - 1) / DAY) - Math.floor(last / DAY),
      frequency: distinct
        ? new Set(hits.filter((e) => e.invoice !== undefined).map((e) => `${typeof e.invoice} ${e.invoice}`))
            .size
        : hits.length,
      monetary: hits.reduce((sum, e) => sum + amount(e.price), 0),
    });
  });
  return out;
}

it("rfm's raw values match a slow reference, for a bare name and a filtered event, distinct or not, in any slices", async () => {
  await fc.assert(
    fc.asyncProperty(
      users,
      fc.boolean(),
      fc.boolean(),
      fc.boolean(),
      fc.nat(),
      fc.nat(),
      async (spec, filtered, distinct, copy, cutA, cutB) => {
        const js: JourneySpec = {};
        spec.forEach((evs, i) => {
          // events in time order, as an export has them (the journeys keep the file's order)
          const events: JourneyEvent[] = [...evs]
            .sort((a, b) => a.at - b.at)
            .map(
              (e): JourneyEvent => [
                e.name,
                e.at,
                {
                  ...(e.price === undefined ? {} : { price: e.price }),
                  ...(e.invoice === undefined ? {} : { invoice: e.invoice }),
                },
              ],
            );
          js[`u${i}`] = { events, attributes: { plan: i % 3 === 2 ? "out" : "in" } };
        });
        // a price somewhere, so that the property exists however the users came out (never scored)
        js.priced = {
          events: [["view", FROM - 10 * DAY, { price: 1, invoice: "a" }]],
          attributes: { plan: "in" },
        };
        const j = journeys(js, fixed("2024-06-30"));
        try {
          const query = RfmQuery.parse({
            kind: "rfm",
            event: { event: "buy" },
            ...(filtered ? { where: [{ property: "price", op: "gt", value: 10 }] } : {}),
            monetary: "price",
            ...(distinct ? { frequencyDistinct: "invoice" } : {}),
            range: { from: "2024-06-01", to: "2024-06-10" },
            segment: { attribute: { property: "plan", op: "eq", value: "in" } },
          });
          const ctx = testContext(j, query);
          const n = ctx.timeline.nUsers;
          const cuts = [0, Math.min(cutA, cutB) % (n + 1), Math.max(cutA, cutB) % (n + 1), n].sort(
            (a, b) => a - b,
          );
          const got: Raw[] = [];
          for (let k = 0; k < 3; k++) {
            const v = await rfmValues(query, ctx, cuts[k] ?? 0, cuts[k + 1] ?? 0, {
              maxShare: copy ? 1 : 0,
              onReuse: false,
            });
            const ids = ctx.timeline.externalIds(Array.from(v.users));
            v.users.forEach((_, i) => {
              got.push({
                user: ids[i] ?? "",
                recencyDays: v.recencyDays[i] ?? Number.NaN,
                frequency: v.frequency[i] ?? Number.NaN,
                monetary: v.monetary[i] ?? Number.NaN,
              });
            });
          }
          const byUser = (a: Raw, b: Raw) => a.user.localeCompare(b.user);
          expect(got.sort(byUser)).toEqual(reference(spec, filtered, distinct).sort(byUser));
        } finally {
          j.close();
        }
      },
    ),
    { numRuns: 100 },
  );
});
