import { afterEach, describe, expect, it } from "vitest";
import type { Filter } from "../../../src-preload/contract/common.ts";
import type {
  ActivityHeatmapResult,
  FeatureAdoptionResult,
  RevenueResult,
} from "../../../src-preload/contract/metric-results.ts";
import type {
  FunnelResult,
  LifecycleResult,
  PathsResult,
  SegmentCountResult,
} from "../../../src-preload/contract/results.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { runQuery } from "./run-query.ts";

let j: Journeys | undefined;
afterEach(() => j?.close());

const YEAR = { from: "2024-01-01", to: "2024-12-31" };
const BERLIN = "Europe/Berlin";

function performed(where: Filter[], event: string | null = null): Segment {
  return { performed: { event, where }, within: YEAR };
}

async function members(jj: Journeys, where: Filter[], timezone?: string): Promise<number> {
  const q = { kind: "segmentCount", segment: performed(where), ...(timezone ? { timezone } : {}) };
  return (await runQuery<SegmentCountResult>(jj, q)).users;
}

// Berlin's 2024 DST days: on March 31 the clock jumps from 02:00 to 03:00 (a 23-hour Sunday), on
// October 27 it goes back from 03:00 to 02:00 (a 25-hour Sunday, 02:xx happens twice).
const dst = {
  before_jump: [["x", "2024-03-31T00:30Z"]], // Sunday 01:30 CET
  after_jump: [["x", "2024-03-31T01:30Z"]], // Sunday 03:30 CEST (02:xx does not exist)
  first_two: [["x", "2024-10-27T00:30Z"]], // Sunday 02:30 CEST
  second_two: [["x", "2024-10-27T01:30Z"]], // Sunday 02:30 CET, the repeated hour
  monday_berlin: [["x", "2024-01-07T23:30Z"]], // Sunday 23:30 in UTC, Monday 00:30 in Berlin
  tuesday_afternoon: [["buy", "2024-06-04T12:15Z", { plan: "pro" }]], // Tuesday 14:15 CEST
} as const satisfies Parameters<typeof journeys>[0];

describe("$hour and $weekday (virtual event properties)", () => {
  it("read the local hour across both Berlin DST changes", async () => {
    j = journeys(dst, { timezone: BERLIN });
    const hour = (h: number) => members(j as Journeys, [{ property: "$hour", op: "eq", value: h }]);
    expect(await hour(1)).toBe(1); // before_jump
    expect(await hour(3)).toBe(1); // after_jump
    expect(await hour(2)).toBe(2); // both 02:30s of October
    expect(await hour(0)).toBe(1); // monday_berlin
    expect(await hour(14)).toBe(1);
    expect(await hour(23)).toBe(0);
  });

  it("use ISO weekdays (1 = Monday ... 7 = Sunday) of the local date", async () => {
    j = journeys(dst, { timezone: BERLIN });
    const day = (d: number) => members(j as Journeys, [{ property: "$weekday", op: "eq", value: d }]);
    expect(await day(7)).toBe(4);
    expect(await day(1)).toBe(1);
    expect(await day(2)).toBe(1);
    expect(await day(3)).toBe(0);
  });

  it("follow the query's timezone, not the workspace's", async () => {
    j = journeys(dst, { timezone: BERLIN });
    const sunday: Filter[] = [{ property: "$weekday", op: "eq", value: 7 }];
    expect(await members(j, sunday)).toBe(4);
    expect(await members(j, sunday, "UTC")).toBe(5); // monday_berlin is a Sunday evening in UTC
    const h23: Filter[] = [{ property: "$hour", op: "eq", value: 23 }];
    expect(await members(j, h23, "UTC")).toBe(1);
    expect(await members(j, h23, "America/New_York")).toBe(0);
  });

  it("take every op, combine with stored properties, and compare across types as false", async () => {
    j = journeys(dst, { timezone: BERLIN });
    const n = (where: Filter[]) => members(j as Journeys, where);
    expect(await n([{ property: "$hour", op: "between", value: [1, 3] }])).toBe(4);
    expect(await n([{ property: "$hour", op: "in", value: [0, 14] }])).toBe(2);
    expect(await n([{ property: "$hour", op: "gte", value: 3 }])).toBe(2);
    expect(await n([{ property: "$weekday", op: "lt", value: 7 }])).toBe(2);
    expect(await n([{ property: "$hour", op: "eq", value: "14" }])).toBe(0);
    expect(await n([{ property: "$hour", op: "neq", value: "14" }])).toBe(6);
    expect(await n([{ property: "$hour", op: "isSet" }])).toBe(6);
    expect(await n([{ property: "$weekday", op: "isNotSet" }])).toBe(0);
    const tuesdayPro: Filter[] = [
      { property: "$weekday", op: "eq", value: 2 },
      { property: "$hour", op: "eq", value: 14 },
      { property: "plan", op: "eq", value: "pro" },
    ];
    expect(await n(tuesdayPro)).toBe(1);
  });

  it("work in a query's where and in funnel steps", async () => {
    j = journeys({
      morning: [
        ["signup", "2024-06-03T07:00Z"], // Monday 09:00 in Berlin
        ["buy", "2024-06-03T08:00Z"],
      ],
      evening: [
        ["signup", "2024-06-03T18:00Z"], // Monday 20:00
        ["buy", "2024-06-03T19:00Z"],
      ],
    });
    const q = {
      kind: "funnel",
      steps: [{ event: "signup" }, { event: "buy" }],
      range: { from: "2024-06-01", to: "2024-06-30" },
      timezone: BERLIN,
    };
    const counts = async (extra: object) =>
      (await runQuery<FunnelResult>(j as Journeys, { ...q, ...extra })).steps.map((s) => s.count);
    expect(await counts({ where: [{ property: "$hour", op: "lt", value: 12 }] })).toEqual([1, 1]);
    expect(
      await counts({
        steps: [{ event: "signup" }, { event: "buy", where: [{ property: "$hour", op: "eq", value: 21 }] }],
      }),
    ).toEqual([2, 1]);
    const life = await runQuery<LifecycleResult>(j, {
      kind: "lifecycle",
      event: { event: "buy", where: [{ property: "$hour", op: "gte", value: 12 }] },
      interval: "day",
      range: { from: "2024-06-03", to: "2024-06-03" },
      timezone: BERLIN,
    });
    expect(life.periods.at(-1)?.new).toBe(1);
  });

  it("work in the where of paths, revenue and feature adoption", async () => {
    j = journeys({
      morning: [
        ["open", "2024-06-03T07:00Z"], // Monday 09:00 in Berlin
        ["buy", "2024-06-03T07:10Z", { price: 5 }],
      ],
      evening: [
        ["open", "2024-06-03T18:00Z"], // Monday 20:00
        ["buy", "2024-06-03T18:10Z", { price: 7 }],
        ["view", "2024-06-03T18:20Z"],
      ],
    });
    const range = { from: "2024-06-01", to: "2024-06-30" };
    const evening = [{ property: "$hour", op: "gte", value: 12 }];
    const paths = await runQuery<PathsResult>(j, {
      kind: "paths",
      start: { event: "open" },
      range,
      where: evening,
      timezone: BERLIN,
    });
    expect(paths.nodes.map((n) => [n.step, n.event, n.users])).toEqual([
      [0, "open", 1],
      [1, "buy", 1],
      [2, "view", 1],
    ]);
    const revenue = await runQuery<RevenueResult>(j, {
      kind: "revenue",
      event: { event: "buy" },
      property: "price",
      range,
      where: evening,
      timezone: BERLIN,
    });
    expect([revenue.revenue, revenue.payingUsers]).toEqual([7, 1]);
    const adoption = await runQuery<FeatureAdoptionResult>(j, {
      kind: "featureAdoption",
      range,
      where: [{ property: "$hour", op: "lt", value: 12 }],
      timezone: BERLIN,
    });
    expect(adoption.features.map((f) => [f.event, f.users]).sort()).toEqual([
      ["buy", 1],
      ["open", 1],
    ]);
  });

  it("shadow a stored property of the same name; other $ names stay stored", async () => {
    j = journeys({
      mixpanel_like: [["x", "2024-06-04T12:15Z", { $hour: 3, $os: "iOS" }]], // 14:15 in Berlin
    });
    expect(await members(j, [{ property: "$hour", op: "eq", value: 3 }], BERLIN)).toBe(0);
    expect(await members(j, [{ property: "$hour", op: "eq", value: 14 }], BERLIN)).toBe(1);
    expect(await members(j, [{ property: "$os", op: "eq", value: "iOS" }], BERLIN)).toBe(1);
  });

  it("select exactly the users of a users heatmap cell", async () => {
    j = journeys(dst, { timezone: BERLIN });
    const map = await runQuery<ActivityHeatmapResult>(j, {
      kind: "activityHeatmap",
      range: YEAR,
      measure: "users",
      timezone: BERLIN,
    });
    let nonEmpty = 0;
    for (let w = 0; w < 7; w++) {
      for (let h = 0; h < 24; h++) {
        const want = map.cells[w]?.[h] ?? -1;
        if (want === 0 && !(w === 6 && h < 4)) continue; // empty cells: check a few, not 168 queries
        if (want > 0) nonEmpty++;
        const got = await members(j, [
          { property: "$weekday", op: "eq", value: w + 1 },
          { property: "$hour", op: "eq", value: h },
        ]);
        expect(got, `weekday ${w + 1} hour ${h}`).toBe(want);
      }
    }
    expect(nonEmpty).toBe(5);
  });
});
