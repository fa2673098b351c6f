import { afterEach, describe, expect, it } from "vitest";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { fixed, run } from "./helpers.ts";

let j: Journeys | undefined;
afterEach(() => j?.close());

describe("activeUsers", () => {
  it("counts DAU, trailing WAU and MAU with activity before the range, and new vs returning users", async () => {
    j = journeys(
      {
        // active 28 days before the range: inside the trailing 30 days of Jun 1 and 2, not Jun 3
        early: [["open", "2024-05-04T12:00Z"]],
        bob: [
          ["open", "2024-06-01T10:00Z"],
          ["open", "2024-06-01T12:00Z"],
          ["open", "2024-06-03T09:00Z"],
        ],
        carol: [["open", "2024-06-02T23:59Z"]],
        // filtered out by the query's where
        filtered: [["open", "2024-06-02T10:00Z", { bot: true }]],
      },
      fixed("2024-06-03"),
    );
    const r = await run(j, {
      kind: "activeUsers",
      range: { from: "2024-06-01", to: "2024-06-03" },
      where: [{ property: "bot", op: "neq", value: true }],
    });
    expect(r.days.map((d) => [d.date, d.dau, d.wau, d.mau])).toEqual([
      ["2024-06-01", 1, 1, 2],
      ["2024-06-02", 1, 2, 3],
      ["2024-06-03", 1, 2, 2],
    ]);
    expect(r.days[0]?.stickiness).toBe(0.5);
    expect(r.periods).toEqual([
      { start: "2024-06-01", active: 1, new: 1, returning: 0 },
      { start: "2024-06-02", active: 1, new: 1, returning: 0 },
      { start: "2024-06-03", active: 1, new: 0, returning: 1 },
    ]);
    expect(r.summary.avgDau).toBe(1);
    expect(r.summary.stickiness).toBeCloseTo(3 / 7, 12);
  });

  it("buckets days in the query's timezone and reads only the segment's users", async () => {
    j = journeys({
      // 23:30 UTC on Jun 1 is Jun 2 in Berlin
      late: { events: [["open", "2024-06-01T23:30Z"]], attributes: { plan: "pro" } },
      other: { events: [["open", "2024-06-01T12:00Z"]], attributes: { plan: "free" } },
    });
    const r = await run(j, {
      kind: "activeUsers",
      range: { from: "2024-06-01", to: "2024-06-02" },
      timezone: "Europe/Berlin",
      segment: { attribute: { property: "plan", scope: "user", op: "eq", value: "pro" } },
    });
    expect(r.days.map((d) => d.dau)).toEqual([0, 1]);
  });
});

describe("churn", () => {
  const spec = {
    kept: {
      events: [
        ["x", "2024-06-03T10:00Z"],
        ["x", "2024-06-11T10:00Z"],
      ],
      attributes: { plan: "pro" },
    },
    gone: { events: [["x", "2024-06-04T10:00Z"]], attributes: { plan: "pro" } },
    late: {
      events: [
        ["x", "2024-06-12T10:00Z"],
        ["x", "2024-06-20T10:00Z"],
      ],
      attributes: { plan: "free" },
    },
    back: {
      events: [
        ["x", "2024-06-05T10:00Z"],
        ["x", "2024-06-19T10:00Z"],
      ],
      attributes: { plan: "free" },
    },
  } as const;

  it("gives churn against the next week and the (E - N) / S retention rate against the previous one", async () => {
    j = journeys(JSON.parse(JSON.stringify(spec)));
    const r = await run(j, {
      kind: "churn",
      interval: "week",
      range: { from: "2024-06-03", to: "2024-06-23" },
      segments: [
        { name: "pro", segment: { attribute: { property: "plan", scope: "user", op: "eq", value: "pro" } } },
      ],
    });
    expect(r.periods).toEqual([
      {
        start: "2024-06-03",
        active: 3,
        new: 3,
        retainedNext: 1,
        churned: 2,
        churnRate: 2 / 3,
        retentionRate: null,
      },
      {
        start: "2024-06-10",
        active: 2,
        new: 1,
        retainedNext: 1,
        churned: 1,
        churnRate: 0.5,
        retentionRate: 1 / 3,
      },
      {
        start: "2024-06-17",
        active: 2,
        new: 0,
        retainedNext: null,
        churned: null,
        churnRate: null,
        retentionRate: 1,
      },
    ]);
    const pro = r.bySegment?.[0];
    expect(pro?.users).toBe(2);
    expect(pro?.periods.map((p) => [p.active, p.churned])).toEqual([
      [2, 1],
      [1, 1],
      [0, null],
    ]);
  });
});

describe("featureAdoption", () => {
  it("divides each event's users by the range's active users, per week too", async () => {
    j = journeys({
      a: [
        ["export", "2024-06-03T10:00Z"],
        ["share", "2024-06-04T10:00Z"],
        ["share", "2024-06-05T10:00Z"],
      ],
      b: [["export", "2024-06-12T10:00Z"]],
      c: [["view", "2024-06-12T10:00Z"]],
      d: [["view", "2024-06-04T10:00Z"]],
      outside: [["export", "2024-06-20T10:00Z"]],
    });
    const r = await run(j, {
      kind: "featureAdoption",
      events: ["export", "share", "never"],
      range: { from: "2024-06-03", to: "2024-06-16" },
    });
    expect(r.activeUsers).toBe(4);
    expect(r.features.map((f) => [f.event, f.users, f.events, f.adoption])).toEqual([
      ["export", 2, 2, 0.5],
      ["share", 1, 2, 0.25],
      ["never", 0, 0, 0],
    ]);
    expect(r.features[0]?.trend).toEqual([
      { start: "2024-06-03", users: 1, activeUsers: 2, adoption: 0.5 },
      { start: "2024-06-10", users: 1, activeUsers: 2, adoption: 0.5 },
    ]);
    const all = await run(j, { kind: "featureAdoption", range: { from: "2024-06-03", to: "2024-06-16" } });
    expect(all.features.map((f) => f.event)).toEqual(["export", "view", "share"]);
  });
});
