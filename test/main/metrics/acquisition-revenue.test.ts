import { afterEach, describe, expect, it } from "vitest";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { fixed, run } from "./helpers.ts";

let j: Journeys | undefined;
afterEach(() => j?.close());

describe("acquisition", () => {
  it("groups users acquired in the range by a property of their first event", async () => {
    j = journeys(
      {
        a: [
          ["signup", "2024-06-01T10:00Z", { channel: "ads" }],
          ["visit", "2024-06-02T10:00Z"], // day 1
          ["purchase", "2024-06-03T10:00Z"], // converts
          ["visit", "2024-06-08T10:00Z"], // day 7
        ],
        b: [["signup", "2024-06-02T10:00Z", { channel: "ads" }]],
        c: [
          ["signup", "2024-06-05T10:00Z", { channel: "email" }],
          ["visit", "2024-06-06T10:00Z"],
          ["purchase", "2024-07-20T10:00Z"], // after the 30-day window
        ],
        before: [
          ["signup", "2024-05-20T10:00Z", { channel: "ads" }],
          ["visit", "2024-06-02T10:00Z"],
        ],
      },
      fixed("2024-06-30"),
    );
    const r = await run(j, {
      kind: "acquisition",
      by: { property: "channel" },
      range: { from: "2024-06-01", to: "2024-06-10" },
      conversion: { event: "purchase" },
    });
    expect(r.users).toBe(3);
    const [ads, email] = r.rows;
    expect(ads).toMatchObject({ value: "ads", users: 2, converted: 1, conversionRate: 0.5 });
    expect(ads?.retention).toEqual([
      { day: 1, users: 1, rate: 0.5, incomplete: 0 },
      { day: 7, users: 1, rate: 0.5, incomplete: 0 },
      { day: 30, users: 0, rate: null, incomplete: 2 },
    ]);
    expect(email).toMatchObject({ value: "email", users: 1, converted: 0 });
    // Jun 5 + 30 days is after the as-of day: unknown, not lost
    expect(email?.retention[2]).toEqual({ day: 30, users: 0, rate: null, incomplete: 1 });
  });

  it("reads a user attribute with scope user and gathers small groups into other", async () => {
    j = journeys({
      a: { events: [["x", "2024-06-01T10:00Z"]], attributes: { source: "partner" } },
      b: { events: [["x", "2024-06-01T11:00Z"]], attributes: { source: "partner" } },
      c: { events: [["x", "2024-06-01T12:00Z"]], attributes: { source: "blog" } },
      d: { events: [["x", "2024-06-01T13:00Z"]] },
    });
    const r = await run(j, {
      kind: "acquisition",
      by: { property: "source", scope: "user" },
      range: { from: "2024-06-01", to: "2024-06-01" },
      retentionDays: [],
      limit: 1,
    });
    expect(r.rows.map((x) => [x.value, x.users, x.other ?? false])).toEqual([
      ["partner", 2, false],
      [null, 2, true],
    ]);
  });
});

describe("revenue", () => {
  it("sums the property per month, per active and paying user, and per cohort cumulatively", async () => {
    j = journeys({
      a: [
        ["purchase", "2024-01-05T10:00Z", { amount: 10 }],
        ["purchase", "2024-02-10T10:00Z", { amount: 5 }],
        ["purchase", "2024-02-11T10:00Z", { amount: -2 }], // a refund subtracts
        ["purchase", "2024-02-12T10:00Z", { amount: "n/a" }], // not a number: ignored
      ],
      b: [
        ["view", "2024-01-20T10:00Z"],
        ["purchase", "2024-02-01T10:00Z", { amount: 20 }],
      ],
      c: [["view", "2024-02-15T10:00Z"]],
      outside: [["purchase", "2024-03-01T10:00Z", { amount: 1000 }]],
    });
    const r = await run(j, {
      kind: "revenue",
      event: { event: "purchase" },
      property: "amount",
      range: { from: "2024-01-01", to: "2024-02-29" },
    });
    expect(r.periods).toEqual([
      {
        start: "2024-01-01",
        revenue: 10,
        activeUsers: 2,
        payingUsers: 1,
        perUser: 5,
        perPayingUser: 10,
        cumulativeRevenue: 10,
      },
      {
        start: "2024-02-01",
        revenue: 23,
        activeUsers: 3,
        payingUsers: 2,
        perUser: 23 / 3,
        perPayingUser: 11.5,
        cumulativeRevenue: 33,
      },
    ]);
    expect(r).toMatchObject({
      revenue: 33,
      activeUsers: 3,
      payingUsers: 2,
      perUser: 11,
      perPayingUser: 16.5,
    });
    expect(r.cohorts).toEqual([
      { start: "2024-01-01", users: 2, revenue: [10, 23], ltv: [5, 16.5] },
      { start: "2024-02-01", users: 1, revenue: [0], ltv: [0] },
    ]);
  });
});
