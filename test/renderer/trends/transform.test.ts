import { describe, expect, it } from "vitest";
import type { TrendsQuery, TrendsResult } from "../../../src-preload/contract/trends.ts";
import {
  bucketLabel,
  pointSegment,
  spansYears,
  trendsCsv,
  trendsOption,
} from "../../../src-renderer/features/trends/transform.ts";

const q: TrendsQuery = {
  kind: "trends",
  series: [
    { event: { event: "buy", where: [{ property: "price", op: "gt", value: 5 }] }, measure: "users" },
    { event: { event: "buy" }, measure: { fn: "sum", property: "price" } },
  ],
  interval: "week",
  range: { from: "2024-06-05", to: "2024-06-20" },
  breakdown: { property: "os", limit: 2 },
};
const r: TrendsResult = {
  intervals: ["2024-06-03", "2024-06-10", "2024-06-17"],
  series: [
    { series: 0, label: "buy", breakdown: "ios", values: [1, 2, 3], total: 4 },
    { series: 0, label: "buy", breakdown: "$none", values: [0, 1, 0], total: 1 },
    { series: 0, label: "buy", breakdown: "$other", values: [1, 0, 0], total: 1 },
    { series: 1, label: "buy", breakdown: "ios", values: [10, null, 5], total: 15 },
  ],
};

describe("trends point -> segment", () => {
  it("keeps the series' filters and clips the week to the range", () => {
    const s = pointSegment(q, r, 0, 0, "2024-06-30");
    expect(s?.definition).toEqual({
      performed: {
        event: "buy",
        where: [
          { property: "price", op: "gt", value: 5 },
          { property: "os", op: "eq", value: "ios" },
        ],
      },
      within: { from: "2024-06-05", to: "2024-06-09" },
    });
  });

  it('reads a stored text "$none" as that value, not as missing, in the point\'s segment and its name', () => {
    const stored: TrendsResult = {
      intervals: r.intervals,
      series: [
        { series: 0, label: "buy", breakdown: "$none", values: [0, 1, 0], total: 1 },
        { series: 0, label: "buy", breakdown: "$none", literal: true, values: [1, 0, 0], total: 1 },
        { series: 0, label: "buy", breakdown: "$other", values: [0, 0, 1], total: 1 },
      ],
    };
    const literal = pointSegment(q, stored, 1, 0, "2024-06-30");
    expect(literal?.name).toMatch(/\("\$none"\)/);
    expect(literal?.definition).toMatchObject({
      performed: { where: [{ property: "price" }, { property: "os", op: "eq", value: "$none" }] },
    });
    // the merged values exclude the kept text "$none" and, kept apart, the missing ones
    expect(pointSegment(q, stored, 2, 2, "2024-06-30")?.definition).toMatchObject({
      performed: {
        where: [
          { property: "price" },
          { property: "os", op: "isSet" },
          { property: "os", op: "notIn", value: ["$none"] },
        ],
      },
    });
  });

  it("reads $other as set and not one of the kept values when $none was kept apart", () => {
    const s = pointSegment(q, r, 2, 2, "2024-06-30");
    expect(s?.definition).toEqual({
      performed: {
        event: "buy",
        where: [
          { property: "price", op: "gt", value: 5 },
          { property: "os", op: "isSet" },
          { property: "os", op: "notIn", value: ["ios"] },
        ],
      },
      within: { from: "2024-06-17", to: "2024-06-20" },
    });
  });

  it("a cumulative point's users are those from the range's start up to its bucket", () => {
    const daily: TrendsQuery = {
      kind: "trends",
      series: [{ event: { event: "buy" }, measure: "users" }],
      interval: "day",
      range: { from: "2024-06-01", to: "2024-06-03" },
      cumulative: true,
    };
    const result: TrendsResult = {
      intervals: ["2024-06-01", "2024-06-02", "2024-06-03"],
      series: [{ series: 0, label: "buy", values: [1, 2, 3], total: 3 }],
    };
    const s = pointSegment(daily, result, 0, 2, "2024-06-30");
    expect(s?.definition).toEqual({
      performed: { event: "buy" },
      within: { from: "2024-06-01", to: "2024-06-03" },
    });
    expect(s?.name).toMatch(/up to/);
    expect(pointSegment({ ...daily, cumulative: false }, result, 0, 2, "2024-06-30")?.definition).toEqual({
      performed: { event: "buy" },
      within: { from: "2024-06-03", to: "2024-06-03" },
    });
    expect(pointSegment({ ...daily, interval: "hour" }, result, 0, 2, "2024-06-30")).toBeNull();
  });

  it("offers no segment for a sum (its points are not sets of users)", () => {
    expect(pointSegment(q, r, 3, 0, "2024-06-30")).toBeNull();
  });

  it("writes one CSV row per bucket and a total row", () => {
    const rows = trendsCsv(r);
    expect(rows[0]).toEqual([
      "interval",
      "A · buy · ios",
      "A · buy · $none",
      "A · buy · $other",
      "B · buy · ios",
    ]);
    expect(rows[2]).toEqual(["2024-06-10", 2, 1, 0, null]);
    expect(rows.at(-1)).toEqual(["total", 4, 1, 1, 15]);
  });

  it("writes the previous period's columns in this period's order, then the values only it had", () => {
    const entry = (breakdown: string, v: number) => ({
      series: 0,
      label: "buy",
      breakdown,
      values: [v],
      total: v,
    });
    const rows = trendsCsv({
      ...r,
      intervals: ["2024-06-10"],
      series: [entry("ios", 5), entry("android", 3)],
      // ranked on its own: android first, and a value this period does not have
      previous: [entry("android", 9), entry("web", 4), entry("ios", 1)],
      previousIntervals: ["2024-06-03"],
    });
    expect(rows[0]?.slice(3)).toEqual([
      "previous interval",
      "A · buy · ios (previous)",
      "A · buy · android (previous)",
      "A · buy · web (previous)",
    ]);
    expect(rows[1]).toEqual(["2024-06-10", 5, 3, "2024-06-03", 1, 9, 4]);
  });

  it("writes every bucket of a previous period longer than this one, so its column adds up", () => {
    const rows = trendsCsv({
      intervals: ["2024-03-01"],
      series: [{ series: 0, label: "buy", values: [1], total: 1 }],
      previous: [{ series: 0, label: "buy", values: [1, 2], total: 3 }],
      previousIntervals: ["2024-01-01", "2024-02-01"],
    });
    expect(rows.slice(1)).toEqual([
      ["2024-03-01", 1, "2024-01-01", 1],
      [null, null, "2024-02-01", 2],
      ["total", 1, null, 3],
    ]);
  });

  it("stacks the previous period's lines as the current values stack, on a stack of their own", () => {
    const two: TrendsResult = {
      intervals: ["2024-06-10"],
      series: [
        { series: 0, label: "buy", values: [2], total: 2 },
        { series: 1, label: "view", values: [3], total: 3 },
      ],
      previous: [
        { series: 0, label: "buy", values: [1], total: 1 },
        { series: 1, label: "view", values: [4], total: 4 },
      ],
      previousIntervals: ["2024-06-03"],
    };
    const query: TrendsQuery = {
      ...q,
      breakdown: undefined,
      series: [{ event: { event: "buy" } }, { event: { event: "view" } }],
    };
    const stacks = (chart: "stacked" | "line") => {
      const series = trendsOption(two, query, chart).series;
      return (Array.isArray(series) ? series : []).map((x) => ("stack" in x ? x.stack : undefined));
    };
    expect(stacks("stacked")).toEqual(["all", "all", "previous all", "previous all"]);
    expect(stacks("line")).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("ticks a count axis in whole numbers only, and a sum's as it comes", () => {
    const leftAxis = (query: TrendsQuery) => {
      const axes = trendsOption(r, query, "line").yAxis;
      const left = Array.isArray(axes) ? axes[0] : axes;
      return left && "minInterval" in left ? left.minInterval : undefined;
    };
    expect(
      leftAxis({
        ...q,
        series: [{ event: { event: "buy" } }, { event: { event: "buy" }, measure: "users" }],
      }),
    ).toBe(1);
    expect(leftAxis(q)).toBeUndefined();
    expect(
      leftAxis({ ...q, series: [{ event: { event: "buy" }, measure: "eventsPerUser" }] }),
    ).toBeUndefined();
  });

  it("labels days with their year when the buckets run a year or more, so no two read alike", () => {
    expect(spansYears(["2024-10-01", "2025-01-15"])).toBe(false);
    expect(spansYears(["2024-06-03", "2025-06-03"])).toBe(true);
    expect(spansYears(["2010-01-01", "2026-10-31"])).toBe(true);
    expect(bucketLabel("2025-06-03", "day", true)).toBe("Jun 3, 2025");
    expect(bucketLabel("2025-06-03", "day")).toBe("Jun 3");
  });
});

describe("breakdown values of two types that read alike", () => {
  it("quote the text beside the number, in legend names and the CSV header", () => {
    const mixed: TrendsResult = {
      intervals: ["2024-06-03"],
      series: [
        { series: 0, label: "buy", breakdown: 1, values: [2], total: 2 },
        { series: 0, label: "buy", breakdown: "1", values: [1], total: 1 },
        { series: 0, label: "buy", breakdown: "ios", values: [1], total: 1 },
      ],
    };
    const head = trendsCsv(mixed)[0];
    expect(head).toEqual(["interval", "A · buy · 1", 'A · buy · "1"', "A · buy · ios"]);
    expect(new Set(head).size).toBe(head?.length);
  });
});
