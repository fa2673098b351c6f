import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import type { TrendsResult } from "../../../src-preload/contract/trends.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { runQuery } from "./run-query.ts";

let j: Journeys | undefined;
afterEach(() => j?.close());

const trends = (extra: Record<string, unknown>) => ({
  kind: "trends",
  series: [{ event: { event: "buy" } }],
  interval: "day",
  range: { from: "2024-06-01", to: "2024-06-03" },
  ...extra,
});

describe("trends", () => {
  it("counts events, users and events per user per day, with totals over the range", async () => {
    j = journeys({
      twice: [
        ["buy", "2024-06-01T10:00Z", { price: 10 }],
        ["buy", "2024-06-01T11:00Z", { price: 30 }],
        ["buy", "2024-06-03T11:00Z", { price: 5 }],
      ],
      once: [["buy", "2024-06-01T12:00Z", { price: "free" }]],
      before_range: [["buy", "2024-05-31T23:00Z", { price: 99 }]],
    });
    const r = await runQuery<TrendsResult>(
      j,
      trends({
        series: [
          { event: { event: "buy" } },
          { event: { event: "buy" }, measure: "users" },
          { event: { event: "buy" }, measure: "eventsPerUser" },
          { event: { event: "buy" }, measure: { fn: "median", property: "price" }, label: "median price" },
        ],
      }),
    );
    expect(r.intervals).toEqual(["2024-06-01", "2024-06-02", "2024-06-03"]);
    expect(r.series.map((s) => [s.label, s.values, s.total])).toEqual([
      ["buy", [3, 0, 1], 4],
      ["buy", [2, 0, 1], 2], // the total is distinct users, not 2 + 1
      ["buy", [1.5, null, 1], 2],
      ["median price", [20, null, 5], 10], // "free" is not a number; median of 5, 10, 30
    ]);
  });

  it("makes local clock hours: a fall-back day's repeated hour is one bucket, a skipped hour none", async () => {
    j = journeys(
      {
        // 2024-11-03 01:30 EDT (05:30Z) and 01:30 EST (06:30Z): the same clock hour
        fall: [
          ["buy", "2024-11-03T05:30Z"],
          ["buy", "2024-11-03T06:30Z"],
        ],
        // 2024-03-10 03:30 EDT: 02:00 does not exist that day
        spring: [["buy", "2024-03-10T07:30Z"]],
      },
      { timezone: "America/New_York" },
    );
    const fall = await runQuery<TrendsResult>(
      j,
      trends({ interval: "hour", range: { from: "2024-11-03", to: "2024-11-03" } }),
    );
    expect(fall.intervals).toHaveLength(24);
    expect(fall.intervals[1]).toBe("2024-11-03T01:00");
    expect(fall.series[0]?.values[1]).toBe(2);
    const spring = await runQuery<TrendsResult>(
      j,
      trends({ interval: "hour", range: { from: "2024-03-10", to: "2024-03-10" } }),
    );
    expect(spring.intervals).toHaveLength(23);
    expect(spring.intervals.slice(1, 3)).toEqual(["2024-03-10T01:00", "2024-03-10T03:00"]);
    expect(spring.series[0]?.values[2]).toBe(1);
  });

  it("starts a repeated hour at its first pass, in a zone east of UTC too (found by the property test)", async () => {
    j = journeys(
      {
        // 2024-10-27 in Berlin: 01:30 CEST, then 02:26 CEST (00:26Z) and 02:26 CET (01:26Z)
        before: [["buy", "2024-10-26T23:30Z"]],
        first: [["buy", "2024-10-27T00:26Z"]],
        second: [["buy", "2024-10-27T01:26Z"]],
      },
      { timezone: "Europe/Berlin" },
    );
    const r = await runQuery<TrendsResult>(
      j,
      trends({ interval: "hour", range: { from: "2024-10-27", to: "2024-10-27" } }),
    );
    expect(r.intervals).toHaveLength(24);
    expect(r.intervals.slice(1, 3)).toEqual(["2024-10-27T01:00", "2024-10-27T02:00"]);
    expect(r.series[0]?.values.slice(0, 4)).toEqual([0, 1, 2, 0]);
  });

  it("keeps the top values, merges the rest into $other (distinct users) and names missing ones $none", async () => {
    j = journeys({
      u1: [
        ["buy", "2024-06-01T10:00Z", { c: "red" }],
        ["buy", "2024-06-01T11:00Z", { c: "blue" }],
        ["buy", "2024-06-01T12:00Z", { c: "green" }],
      ],
      u2: [["buy", "2024-06-01T10:00Z", { c: "red" }]],
      u3: [["buy", "2024-06-01T10:00Z"]],
    });
    const r = await runQuery<TrendsResult>(
      j,
      trends({
        series: [{ event: { event: "buy" }, measure: "users" }],
        range: { from: "2024-06-01", to: "2024-06-01" },
        breakdown: { property: "c", limit: 2 },
      }),
    );
    // red 2 users; then blue, green and $none 1 each, ranked by text: $none before blue
    expect(r.series.map((s) => [s.breakdown, s.total])).toEqual([
      ["red", 2],
      ["$none", 1],
      ["$other", 1], // blue and green are both u1
    ]);
  });

  it("evaluates a formula per bucket, with null for a division by zero", async () => {
    j = journeys({
      a: [
        ["visit", "2024-06-01T10:00Z"],
        ["visit", "2024-06-01T11:00Z"],
        ["buy", "2024-06-01T12:00Z"],
        ["buy", "2024-06-02T12:00Z"],
      ],
    });
    const r = await runQuery<TrendsResult>(
      j,
      trends({
        series: [{ event: { event: "visit" } }, { event: { event: "buy" } }],
        range: { from: "2024-06-01", to: "2024-06-02" },
        formula: "B / A * 100",
      }),
    );
    expect(r.series[2]).toEqual({ series: "formula", label: "B / A * 100", values: [50, null], total: 100 });
  });

  it("compares with the N calendar months before and accumulates distinct users", async () => {
    j = journeys({
      a: [
        ["buy", "2024-04-10T10:00Z"],
        ["buy", "2024-06-10T10:00Z"],
        ["buy", "2024-06-20T10:00Z"],
      ],
      b: [["buy", "2024-06-20T10:00Z"]],
    });
    j.ws.setSettings({ asOf: { mode: "fixed", date: "2024-06-30" } });
    const r = await runQuery<TrendsResult>(
      j,
      trends({
        series: [{ event: { event: "buy" }, measure: "users" }],
        interval: "month",
        range: { last: 2, unit: "month" },
        compare: "previousPeriod",
        cumulative: true,
      }),
    );
    // last 2 months as of 06-30: 05-01..06-30; before it 03-01..04-30
    expect(r.intervals).toEqual(["2024-05-01", "2024-06-01"]);
    expect(r.series[0]?.values).toEqual([0, 2]);
    expect(r.previousIntervals).toEqual(["2024-03-01", "2024-04-01"]);
    expect(r.previous?.[0]?.values).toEqual([0, 1]);
  });

  it("compares a month range ending on a month's last day with whole calendar months before it", async () => {
    // as of 05-31 the last 3 months are 03-01..05-31; the 3 before are 12-01..02-29: not 11-30
    // (the day after the previous period's end taken 3 months back and clamped to February)
    j = journeys({
      a: [
        ["buy", "2023-11-30T10:00Z"],
        ["buy", "2023-12-01T10:00Z"],
      ],
      b: [["buy", "2024-05-31T10:00Z"]],
    });
    j.ws.setSettings({ asOf: { mode: "fixed", date: "2024-05-31" } });
    const r = await runQuery<TrendsResult>(
      j,
      trends({
        series: [{ event: { event: "buy" }, measure: "events" }],
        interval: "month",
        range: { last: 3, unit: "month" },
        compare: "previousPeriod",
      }),
    );
    expect(r.intervals).toEqual(["2024-03-01", "2024-04-01", "2024-05-01"]);
    expect(r.previousIntervals).toEqual(["2023-12-01", "2024-01-01", "2024-02-01"]);
    expect(r.previous?.[0]?.total).toBe(1);
  });

  it("rejects bad formulas and too many series, naming the field", async () => {
    j = journeys({ a: [["buy", "2024-06-01T10:00Z"]] });
    await expect(runQuery(j, trends({ formula: "A / C" }))).rejects.toThrow(/formula.*C does not exist/);
    await expect(runQuery(j, trends({ formula: "A +" }))).rejects.toThrow(/formula/);
    const eleven = Array.from({ length: 11 }, () => ({ event: { event: "buy" } }));
    await expect(runQuery(j, trends({ series: eleven }))).rejects.toThrow(/series/);
    await expect(runQuery(j, trends({ breakdown: { property: "x", limit: 51 } }))).rejects.toThrow(/limit/);
  });

  it("allows 20,000 buckets at every interval, and fails beyond as every kind does (too_long)", async () => {
    j = journeys({ a: [["buy", "2024-06-01T10:00Z"]] });
    // 5,000 days: over the other kinds' 3,700 buckets, within a trend's 20,000
    const days = await runQuery<TrendsResult>(j, trends({ range: { from: "2010-09-08", to: "2024-05-16" } }));
    expect(days.intervals).toHaveLength(5_000);
    const tooMany = async (extra: Record<string, unknown>) => {
      const e = await runQuery(j as Journeys, trends(extra)).catch((err: unknown) => err);
      expect(e).toMatchObject({ code: "too_long", message: expect.stringMatching(/at most 20,000 buckets/) });
    };
    await tooMany({ range: { from: "1970-01-01", to: "2060-01-01" } });
    await tooMany({ interval: "hour", range: { from: "2021-01-01", to: "2024-06-01" } });
  });

  it('keeps a stored text "$none" apart from missing values, marked as literal, formula included', async () => {
    j = journeys({
      missing: [["buy", "2024-06-01T10:00Z"]],
      alsoMissing: [["buy", "2024-06-01T11:00Z"]],
      text: [["buy", "2024-06-01T12:00Z", { c: "$none" }]],
      merged: [["buy", "2024-06-01T13:00Z", { c: "$other" }]],
    });
    const r = await runQuery<TrendsResult>(
      j,
      trends({ breakdown: { property: "c" }, series: [{ event: { event: "buy" } }], formula: "A * 2" }),
    );
    const shape = (e: TrendsResult["series"][number]) => [e.series, e.breakdown, e.literal ?? false, e.total];
    expect(r.series.map(shape)).toEqual([
      [0, "$none", false, 2],
      [0, "$none", true, 1],
      [0, "$other", true, 1],
      ["formula", "$none", false, 4],
      ["formula", "$none", true, 2],
      ["formula", "$other", true, 2],
    ]);
  });

  it("runs from the CLI", async () => {
    j = journeys({ a: [["buy", "2024-06-01T10:00Z"]] });
    const file = j.file;
    j.ws.close();
    let out = "";
    const code = await main(["query", file, JSON.stringify(trends({}))], {
      out: (t) => {
        out += t;
      },
      err: () => {},
      stdin: async () => "",
    });
    expect(code).toBe(0);
    expect(JSON.parse(out).series[0].values).toEqual([1, 0, 0]);
    expect(fs.existsSync(file)).toBe(true);
  });
});

it("answers zeros, not an error, on a workspace whose users have no events yet", async () => {
  const j = journeys({ ann: { attributes: { plan: "pro" } }, bob: { attributes: { plan: "free" } } });
  try {
    // the pool's scan masks series by event code: here no event name exists at all
    const r = await new InProcessEngine(j.ws.db).run({
      kind: "trends",
      series: [{ event: { event: "buy" } }, { event: { event: null }, measure: "users" }],
      interval: "day",
      range: { from: "2024-06-01", to: "2024-06-03" },
      breakdown: { property: "plan", scope: "user", limit: 1 },
    });
    expect(r.intervals).toHaveLength(3);
    for (const entry of r.series) expect(entry.values).toEqual([0, 0, 0]);
  } finally {
    j.close();
  }
});
