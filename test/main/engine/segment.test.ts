import { afterEach, describe, expect, it } from "vitest";
import { createSaved } from "../../../src-main/workspace/saved.ts";
import type { SegmentCountResult, SegmentMembersResult } from "../../../src-preload/contract/results.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { runQuery } from "./run-query.ts";

let j: Journeys | undefined;
afterEach(() => j?.close());

async function who(segment: unknown): Promise<string[]> {
  const r = await runQuery<SegmentMembersResult>(j as Journeys, {
    kind: "segmentMembers",
    segment,
    limit: 1000,
  });
  return r.rows.map((x) => x.userId).sort();
}

const people = () =>
  journeys(
    {
      buyer: {
        events: [
          ["visit", "2024-06-01T10:00Z"],
          ["buy", "2024-06-02T10:00Z", { amount: 30 }],
          ["buy", "2024-06-20T10:00Z", { amount: 90, sku: "a" }],
        ],
        attributes: { plan: "pro", country: "DE" },
      },
      browser: {
        events: [
          ["visit", "2024-05-01T10:00Z"],
          ["visit", "2024-06-29T10:00Z"],
        ],
        attributes: { plan: "free" },
      },
      silent: { attributes: { plan: "free" } },
      late_buyer: [
        ["buy", "2024-06-30T10:00Z", { amount: 5, sku: "b" }],
        ["visit", "2024-06-30T11:00Z"],
      ],
    },
    { asOf: { mode: "fixed", date: "2024-06-30" } },
  );

describe("segment conditions", () => {
  it("performed with counts and ranges, and did-not (count eq 0) including users with no events", async () => {
    j = people();
    expect(await who({ performed: { event: "buy" }, count: { op: "gte", value: 2 } })).toEqual(["buyer"]);
    expect(await who({ performed: { event: "buy" }, within: { last: 7, unit: "day" } })).toEqual([
      "late_buyer",
    ]);
    expect(await who({ performed: { event: "buy" }, count: { op: "eq", value: 0 } })).toEqual([
      "browser",
      "silent",
    ]);
    expect(
      await who({ performed: { event: "buy", where: [{ property: "amount", op: "gt", value: 50 }] } }),
    ).toEqual(["buyer"]);
  });

  it("attributes, first seen and last seen", async () => {
    j = people();
    expect(await who({ attribute: { property: "plan", op: "eq", value: "free" } })).toEqual([
      "browser",
      "silent",
    ]);
    expect(await who({ attribute: { property: "country", op: "neq", value: "DE" } })).toEqual([
      "browser",
      "late_buyer",
      "silent",
    ]);
    expect(await who({ firstSeen: { from: "2024-06-01", to: "2024-06-30" } })).toEqual([
      "buyer",
      "late_buyer",
    ]);
    expect(await who({ lastSeen: { from: "2024-06-01", to: "2024-06-25" } })).toEqual(["buyer"]);
  });

  it("sequences within a window", async () => {
    j = people();
    const seq = (hours: number) => ({
      sequence: [{ event: "visit" }, { event: "buy" }],
      window: { value: hours, unit: "hour" },
    });
    expect(await who(seq(24))).toEqual(["buyer"]);
    expect(await who(seq(23))).toEqual([]);
  });

  it("aggregates over a property", async () => {
    j = people();
    const agg = (fn: string, op: string, value: number) => ({
      aggregate: { event: "buy" },
      property: "amount",
      fn,
      compare: { op, value },
    });
    expect(await who(agg("sum", "gte", 100))).toEqual(["buyer"]);
    expect(await who(agg("avg", "lt", 10))).toEqual(["late_buyer"]);
    expect(await who(agg("min", "lte", 30))).toEqual(["buyer", "late_buyer"]);
    expect(await who(agg("max", "gt", 50))).toEqual(["buyer"]);
    expect(await who({ ...agg("countDistinct", "eq", 1), property: "sku" })).toEqual(["buyer", "late_buyer"]);
  });

  it("nests all, any and not; empty all is everyone and empty any nobody", async () => {
    j = people();
    expect(await who({ all: [] })).toEqual(["browser", "buyer", "late_buyer", "silent"]);
    expect(await who({ any: [] })).toEqual([]);
    expect(
      await who({
        all: [
          { not: { performed: { event: "buy" } } },
          {
            any: [
              { attribute: { property: "plan", op: "eq", value: "free" } },
              { performed: { event: "visit" } },
            ],
          },
        ],
      }),
    ).toEqual(["browser", "silent"]);
    const c = await runQuery<SegmentCountResult>(j, {
      kind: "segmentCount",
      segment: { performed: { event: "visit" } },
    });
    expect(c).toEqual({ users: 3, ofTotal: 4 });
  });

  it("a saved segment named many times in a chain is evaluated once, within the query's budget", async () => {
    j = people();
    createSaved(j.ws.db, "segment", "level 0", { performed: { event: "buy" } }, "seg_0");
    // each level names the one below three times: 3^20 evaluations without reuse
    for (let level = 1; level <= 20; level++) {
      const below = { inSegment: `seg_${level - 1}` };
      createSaved(
        j.ws.db,
        "segment",
        `level ${level}`,
        { all: [below, { not: { not: below } }, { any: [below] }] },
        `seg_${level}`,
      );
    }
    const budget = process.env.STRATA_QUERY_BUDGET_MS;
    process.env.STRATA_QUERY_BUDGET_MS = "3000";
    try {
      expect(await who({ inSegment: "seg_20" })).toEqual(await who({ inSegment: "seg_0" }));
      // `not` flips the list it is given in place: a reused answer must reach the third use unflipped
      const seg3 = { inSegment: "seg_3" };
      expect(await who({ all: [seg3, { any: [{ not: seg3 }, seg3] }] })).toEqual(await who(seg3));
    } finally {
      if (budget === undefined) delete process.env.STRATA_QUERY_BUDGET_MS;
      else process.env.STRATA_QUERY_BUDGET_MS = budget;
    }
  });

  it("saved segment references, with cycles refused", async () => {
    j = people();
    createSaved(j.ws.db, "segment", "buyers", { performed: { event: "buy" } }, "seg_buyers");
    expect(await who({ inSegment: "seg_buyers" })).toEqual(["buyer", "late_buyer"]);
    createSaved(j.ws.db, "segment", "a", { performed: { event: "buy" } }, "seg_a");
    createSaved(j.ws.db, "segment", "b", { inSegment: "seg_a" }, "seg_b");
    j.ws.db
      .prepare("UPDATE saved_items SET definition = ? WHERE id = 'seg_a'")
      .run(JSON.stringify({ inSegment: "seg_b" }));
    await expect(who({ inSegment: "seg_a" })).rejects.toThrow(/cycle.*seg_a -> seg_b -> seg_a/);
    await expect(who({ inSegment: "nope" })).rejects.toThrow(/no saved segment/);
  });

  it("funnel reached / dropped-after and retention cohort membership", async () => {
    j = people();
    const funnel = {
      kind: "funnel",
      steps: [{ event: "visit" }, { event: "buy" }],
      range: { from: "2024-05-01", to: "2024-06-30" },
    };
    expect(await who({ funnel, reached: 1 })).toEqual(["buyer"]);
    expect(await who({ funnel, droppedAfter: 0 })).toEqual(["browser", "late_buyer"]);
    const retention = {
      kind: "retention",
      target: { event: "visit" },
      return: { event: "buy" },
      interval: "day",
      periods: 3,
      range: { from: "2024-06-01", to: "2024-06-30" },
    };
    expect(await who({ retention, cohort: "2024-06-01" })).toEqual(["buyer"]);
    expect(await who({ retention, cohort: "2024-06-01", returnedIn: 1 })).toEqual(["buyer"]);
    expect(await who({ retention, cohort: "2024-06-01", returnedIn: 2 })).toEqual([]);
  });

  it("RFM groups come from the RFM kind: every group together is every scored buyer", async () => {
    j = people();
    const query = {
      kind: "rfm",
      event: { event: "buy" },
      monetary: "amount",
      range: { from: "2024-06-01", to: "2024-06-30" },
    };
    const groups = [
      "champions",
      "loyal",
      "potentialLoyalists",
      "new",
      "promising",
      "needAttention",
      "aboutToSleep",
      "atRisk",
      "cantLose",
      "hibernating",
    ];
    expect(await who({ rfm: groups, query })).toEqual(["buyer", "late_buyer"]);
  });

  it("returns member rows with first/last seen, event counts and the asked attributes", async () => {
    j = people();
    const r = await runQuery<SegmentMembersResult>(j, {
      kind: "segmentMembers",
      segment: { attribute: { property: "plan", op: "isSet" } },
      attributes: ["plan"],
      limit: 1,
      offset: 1,
    });
    expect(r.total).toBe(3);
    expect(r.rows).toEqual([
      {
        userId: "browser",
        firstSeen: "2024-05-01T10:00:00.000Z",
        lastSeen: "2024-06-29T10:00:00.000Z",
        events: 2,
        attributes: { plan: "free" },
      },
    ]);
  });
});
