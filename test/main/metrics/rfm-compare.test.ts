import { afterEach, describe, expect, it } from "vitest";
import { rfmGroups } from "../../../src-main/engine/rfm.ts";
import { groupOf } from "../../../src-main/engine/rfm-scores.ts";
import { RFM_GROUPS } from "../../../src-preload/contract/rfm-groups.ts";
import { type JourneySpec, type Journeys, journeys } from "../../helpers/journeys.ts";
import { fixed, run, testContext } from "./helpers.ts";

let j: Journeys | undefined;
afterEach(() => j?.close());

const jan = { from: "2024-01-01", to: "2024-01-31" };

describe("rfm", () => {
  it("maps the recency x frequency grid to the ten groups (the Putler-style table)", () => {
    // rows: recency score 5 down to 1; columns: frequency score 1 to 5
    const table = [
      ["new", "potentialLoyalists", "potentialLoyalists", "champions", "champions"],
      ["promising", "potentialLoyalists", "potentialLoyalists", "loyal", "loyal"],
      ["aboutToSleep", "aboutToSleep", "needAttention", "loyal", "loyal"],
      ["hibernating", "hibernating", "atRisk", "atRisk", "cantLose"],
      ["hibernating", "hibernating", "atRisk", "atRisk", "cantLose"],
    ];
    for (let r = 5; r >= 1; r--)
      for (let f = 1; f <= 5; f++) expect(groupOf(r, f)).toBe(table[5 - r]?.[f - 1]);
    expect(new Set(table.flat()).size).toBe(RFM_GROUPS.length);
  });

  it("scores quintiles (recency reversed) and sums monetary value per group", async () => {
    // user i buys i + 1 times, 10 each, the last on Jan 22 + i: recency 9 - i days
    const spec: JourneySpec = {};
    for (let i = 0; i < 10; i++) {
      spec[`u${i}`] = Array.from({ length: i + 1 }, (_, k) => [
        "purchase",
        `2024-01-${String(22 + i - k).padStart(2, "0")}T12:00Z`,
        { amount: 10 },
      ]);
    }
    spec.browser = [["view", "2024-01-10T12:00Z"]];
    j = journeys(spec);
    const q = { kind: "rfm", event: { event: "purchase" }, monetary: "amount", range: jan } as const;
    const r = await run(j, q);
    expect(r.users).toBe(10);
    expect(r.grid.map((row, i) => row[i])).toEqual([2, 2, 2, 2, 2]);
    const by = Object.fromEntries(r.groups.map((g) => [g.group, g]));
    expect(by.champions).toMatchObject({
      users: 2,
      share: 0.2,
      monetary: 190,
      avgFrequency: 9.5,
      avgRecencyDays: 0.5,
    });
    expect(by.hibernating?.users).toBe(4);
    expect(by.needAttention?.users).toBe(2);
    expect(by.loyal?.users).toBe(2);
    expect(r.edges.frequency).toEqual([3, 5, 7, 9]);
    const groups = await rfmGroups(q, testContext(j, {}));
    const names = Array.from(groups).map((g) => (g === 0 ? null : RFM_GROUPS[g - 1]));
    // user indexes follow import order: u0..u9, then the browser (not scored)
    expect(names).toEqual([
      "hibernating",
      "hibernating",
      "hibernating",
      "hibernating",
      "needAttention",
      "needAttention",
      "loyal",
      "loyal",
      "champions",
      "champions",
      null,
    ]);
  });

  it("scores a long span whose monetary property holds no number, or no purchase carries", async () => {
    // 20 purchases: a span long enough that the scan reads each event's amount before its test
    const buys = Array.from({ length: 20 }, (_, k): [string, string, Record<string, string>] => [
      "purchase",
      `2024-01-${String(k + 2).padStart(2, "0")}T12:00Z`,
      { amount: "ten" },
    ]);
    j = journeys({
      a: buys,
      b: [
        ["purchase", "2024-01-03T12:00Z", { amount: "five" }],
        ["view", "2024-01-04T12:00Z", { coupon: 5 }],
      ],
    });
    // amount: strings only (the column has no numbers); coupon: a number, on a view only
    for (const monetary of ["amount", "coupon"]) {
      const r = await run(j, { kind: "rfm", event: { event: "purchase" }, monetary, range: jan });
      expect(r.users).toBe(2);
      expect(r.groups.reduce((sum, g) => sum + g.monetary, 0)).toBe(0);
      expect(r.edges.frequency).toEqual([20, 20, 20, 20]);
    }
  });

  it("counts only the range's events, whether the event is a bare name or needs its filter", async () => {
    j = journeys({
      a: [
        ["purchase", "2023-12-20T12:00Z", { amount: 1000 }],
        ["view", "2024-01-02T12:00Z"],
        ["purchase", "2024-01-05T12:00Z", { amount: 10 }],
        ["purchase", "2024-01-10T12:00Z", { amount: 20 }],
        ["purchase", "2024-02-03T12:00Z", { amount: 500 }],
      ],
      before: [["purchase", "2023-12-31T23:00Z", { amount: 7 }]],
      after: [["purchase", "2024-02-01T00:00Z", { amount: 7 }]],
    });
    const bare = { kind: "rfm", event: { event: "purchase" }, monetary: "amount", range: jan } as const;
    const filtered = { ...bare, where: [{ property: "amount", op: "gt", value: 0 }] } as const;
    for (const q of [bare, filtered]) {
      const r = await run(j, q);
      expect(r.users).toBe(1);
      const scored = r.groups.find((g) => g.users === 1);
      // Jan 5 and Jan 10 only; Jan 31 is the range's last day, 21 days after Jan 10
      expect(scored).toMatchObject({ monetary: 30, avgFrequency: 2, avgRecencyDays: 21 });
    }
  });

  it("counts distinct orders as the frequency when asked", async () => {
    j = journeys({
      a: [
        ["line", "2024-01-05T10:00Z", { invoice: "1" }],
        ["line", "2024-01-05T10:00Z", { invoice: "1" }],
        ["line", "2024-01-06T10:00Z", { invoice: "2" }],
      ],
    });
    const r = await run(j, {
      kind: "rfm",
      event: { event: "line" },
      frequencyDistinct: "invoice",
      range: jan,
    });
    expect(r.groups.find((g) => g.users === 1)?.avgFrequency).toBe(2);
  });
});

describe("compare", () => {
  const plan = (value: string) => ({
    attribute: { property: "plan", scope: "user" as const, op: "eq" as const, value },
  });

  function population(): JourneySpec {
    const spec: JourneySpec = {};
    for (let i = 0; i < 40; i++) {
      const events: [string, string][] = Array.from({ length: i % 3 }, () => ["view", "2024-01-10T10:00Z"]);
      if (i < 10) events.push(["upgrade", "2024-01-11T10:00Z"]);
      spec[`free${i}`] = { events, attributes: { plan: "free" } };
    }
    for (let i = 0; i < 50; i++) {
      const events: [string, string][] = Array.from({ length: (i % 4) + 1 }, () => [
        "view",
        "2024-01-10T10:00Z",
      ]);
      if (i < 30) events.push(["upgrade", "2024-01-12T10:00Z"]);
      spec[`pro${i}`] = { events, attributes: { plan: "pro" } };
    }
    for (let i = 0; i < 20; i++)
      spec[`trial${i}`] = { events: [["upgrade", "2024-01-12T10:00Z"]], attributes: { plan: "trial" } };
    return spec;
  }

  it("tests rates with the pooled z-test and means with Welch's t (scipy reference values)", async () => {
    j = journeys(population());
    const r = await run(j, {
      kind: "compare",
      segments: [
        { name: "free", segment: plan("free") },
        { name: "pro", segment: plan("pro") },
        { name: "trial", segment: plan("trial") },
      ],
      metrics: [
        { type: "rate", event: { event: "upgrade" } },
        { type: "eventsPerUser", event: { event: "view" } },
        { type: "funnel", steps: [{ event: "view" }, { event: "upgrade" }] },
      ],
      range: jan,
    });
    expect(r.segments).toEqual([
      { name: "free", users: 40 },
      { name: "pro", users: 50 },
      { name: "trial", users: 20 },
    ]);
    const [rateM, views] = r.metrics;
    expect(rateM?.values.map((v) => [v.n, v.successes, v.value])).toEqual([
      [40, 10, 0.25],
      [50, 30, 0.6],
      [20, 20, 1],
    ]);
    const z = rateM?.tests[0];
    expect(z?.state).toBe("ok");
    expect(z?.statistic).toBeCloseTo(3.320391543176798, 10);
    expect(z?.pValue).toBeCloseTo(0.0008989127881140897, 12);
    expect(z?.significant).toBe(true);
    // 20 trial users: below the 30-user floor
    expect(rateM?.tests[1]).toMatchObject({ b: 2, state: "notEnoughData", pValue: null });
    const t = views?.tests[0];
    expect(t?.test).toBe("welchT");
    expect(t?.statistic).toBeCloseTo(7.180601086150284, 9);
    expect(t?.df).toBeCloseTo(87.464214933099, 6);
    expect(t?.pValue).toBeCloseTo(2.165797332275551e-10, 15);
    // the funnel runs through the engine's funnel runner: free users who viewed (i % 3 > 0) are 26,
    // below the floor, of whom 6 upgraded afterwards
    const funnel = r.metrics[2];
    expect(funnel?.values.map((v) => [v.n, v.successes])).toEqual([
      [26, 6],
      [50, 30],
      [0, 0],
    ]);
    expect(funnel?.tests[0]?.state).toBe("notEnoughData");
  });
});

describe("compare: retention at day N and revenue per user", () => {
  it("measures day-N returns after the first target event and per-user sums, zeros included", async () => {
    const plan = (value: string) => ({
      attribute: { property: "plan", scope: "user" as const, op: "eq" as const, value },
    });
    j = journeys(
      {
        a1: {
          events: [
            ["open", "2024-01-02T10:00Z"],
            ["open", "2024-01-09T10:00Z"], // day 7 after Jan 2
            ["buy", "2024-01-09T11:00Z", { amount: 30 }],
          ],
          attributes: { plan: "a" },
        },
        a2: {
          events: [
            ["open", "2024-01-03T10:00Z"],
            ["open", "2024-01-09T10:00Z"],
          ],
          attributes: { plan: "a" },
        },
        // day 7 (Feb 3) is after the as-of day Jan 31: left out
        a3: { events: [["open", "2024-01-27T10:00Z"]], attributes: { plan: "a" } },
        b1: {
          events: [
            ["open", "2024-01-05T10:00Z"],
            ["open", "2024-01-12T23:00Z"],
            ["buy", "2024-01-06T10:00Z", { amount: 10 }],
            ["buy", "2024-01-07T10:00Z", { amount: 5 }],
          ],
          attributes: { plan: "b" },
        },
      },
      fixed("2024-01-31"),
    );
    const r = await run(j, {
      kind: "compare",
      segments: [
        { name: "a", segment: plan("a") },
        { name: "b", segment: plan("b") },
      ],
      metrics: [
        { type: "retention", target: { event: "open" }, return: { event: "open" }, day: 7 },
        { type: "revenuePerUser", event: { event: "buy" }, property: "amount" },
      ],
      range: jan,
    });
    const [ret, rev] = r.metrics;
    expect(ret?.values.map((v) => [v.n, v.successes])).toEqual([
      [2, 1],
      [1, 1],
    ]);
    expect(rev?.values.map((v) => [v.n, v.value])).toEqual([
      [3, 10],
      [1, 15],
    ]);
    expect(rev?.values[0]?.sd).toBeCloseTo(Math.sqrt(300), 12);
    expect(rev?.tests[0]).toMatchObject({ test: "welchT", state: "notEnoughData" });
  });
});
