import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { joinRevenue, revenue, revenuePart } from "../../../src-main/engine/metrics/revenue.ts";
import { revenueResult } from "../../../src-main/engine/metrics/revenue-result.ts";
import type { RevenueQuery } from "../../../src-preload/contract/metric-queries.ts";
import { type JourneySpec, journeys } from "../../helpers/journeys.ts";
import { joinsLikeOneThread, testContext } from "./helpers.ts";

// The query workers answer revenue a slice of users each; their float sums are made once every slice
// is in. Cut anywhere, the joined answer must be the one-thread answer to the last bit: prices such
// as 0.1 and 0.7 make a sum's order show (0.1 + 0.2 + 0.3 is not 0.1 + (0.2 + 0.3)).

const price = fc.constantFrom(0.1, 0.2, 0.3, 0.7, 1e-9, 19.99, 1e15, -0.3);
const user = fc.record({
  created: fc.integer({ min: 0, max: 80 }),
  buys: fc.array(fc.tuple(fc.integer({ min: 0, max: 80 }), price), { maxLength: 6 }),
});

function spec(users: { created: number; buys: [number, number][] }[]): JourneySpec {
  // one buyer always: a workspace without the property would refuse the query
  const out: JourneySpec = { anchor: [["buy", "2024-01-05T12:00Z", { price: 0.1 }]] };
  const day = (d: number) => Date.UTC(2024, 0, 1 + d, 12);
  users.forEach((u, i) => {
    out[`u${i}`] = {
      createdAt: day(u.created),
      events: [
        ["visit", day(u.created)],
        ...u.buys.map(([d, p]): [string, number, { price: number }] => ["buy", day(d), { price: p }]),
      ],
    };
  });
  return out;
}

const QUERY: RevenueQuery = {
  kind: "revenue",
  event: { event: "buy" },
  property: "price",
  range: { from: "2024-01-01", to: "2024-03-20" },
  interval: "week",
};

describe("revenue in slices of users", () => {
  it("joins to the one-thread answer exactly, wherever the users are cut", () =>
    joinsLikeOneThread(
      fc.array(user, { minLength: 1, maxLength: 12 }).map(spec),
      {
        whole: (ctx) => revenue(QUERY, ctx),
        part: (ctx, from, to, keep) => revenuePart(QUERY, ctx, from, to, keep),
        join: (parts) => revenueResult(joinRevenue(parts)),
      },
      80,
    ));

  // the pool cuts at user 0 only when there are no events (and so no property to ask for), but a
  // join of any slicing in order must hold: a whole slice after an empty one keeps nothing
  it("joins a whole slice that keeps nothing after an empty one", async () => {
    const j = journeys(
      spec([
        {
          created: 2,
          buys: [
            [3, 0.1],
            [3, 0.2],
            [4, 0.7],
          ],
        },
      ]),
    );
    try {
      const ctx = testContext(j, {});
      const n = ctx.timeline.nUsers;
      const parts = [await revenuePart(QUERY, ctx, 0, 0, false), await revenuePart(QUERY, ctx, 0, n, false)];
      expect(revenueResult(joinRevenue(parts))).toEqual(await revenue(QUERY, ctx));
    } finally {
      j.close();
    }
  });
});
