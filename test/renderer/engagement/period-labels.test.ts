import { describe, expect, it } from "vitest";
import type {
  FeatureAdoptionResult,
  RevenueResult,
  SurveyScoresResult,
} from "../../../src-preload/contract/metric-results.ts";
import { adoptionTrendOption } from "../../../src-renderer/features/engagement/transform/adoption.ts";
import {
  clippedPeriodLabel,
  clippedPeriodShort,
  clippedPeriodValue,
  wholePeriodsNote,
} from "../../../src-renderer/features/engagement/transform/periods.ts";
import { revenueOption } from "../../../src-renderer/features/engagement/transform/revenue.ts";
import { surveyScoreOption } from "../../../src-renderer/features/engagement/transform/surveys.ts";
import { surveyRows } from "../../../src-renderer/features/engagement/transform/tables.ts";

// The reviewer's case: 2026-08-05 (a Wednesday) .. 2026-10-31 (a Saturday), weekly, weeks from
// Monday. Churn reads the week of Aug 3 whole (2,604 active users), adoption only Aug 5-9 (2,078):
// the clipped kinds must not label their cut weeks as the whole week.
const RANGE = { from: "2026-08-05", to: "2026-10-31" };
const STARTS = ["2026-08-03", "2026-08-10", "2026-10-26"];

describe("periods the range cuts (revenue, adoption, surveys)", () => {
  it("labels a cut first and last week with the days they hold, whole weeks as before", () => {
    expect(clippedPeriodLabel("2026-08-03", "week", RANGE)).toBe("Week of Aug 3 (Aug 5–9 only)");
    expect(clippedPeriodLabel("2026-08-10", "week", RANGE)).toBe("Week of Aug 10");
    expect(clippedPeriodLabel("2026-10-26", "week", RANGE)).toBe("Week of Oct 26 (Oct 26–31 only)");
    expect(clippedPeriodLabel("2026-08-01", "month", RANGE)).toBe("Aug 2026 (Aug 5–31 only)");
    expect(clippedPeriodLabel("2026-09-01", "month", RANGE)).toBe("Sep 2026");
    expect(clippedPeriodShort("2026-08-03", "week", RANGE)).toBe("Aug 5–9");
    expect(clippedPeriodShort("2026-07-27", "week", { from: "2026-07-29", to: "2026-08-31" })).toBe(
      "Jul 29 – Aug 2",
    );
    expect(clippedPeriodValue("2026-08-03", "week", RANGE)).toBe(
      "2026-08-03 (2026-08-05 to 2026-08-09 only)",
    );
    expect(clippedPeriodValue("2026-08-10", "week", RANGE)).toBe("2026-08-10");
  });

  it("says so in the survey table, the score tooltip and the revenue and adoption charts", () => {
    const score = { responses: 2, respondents: 2, score: 50, ignored: 0, breakdown: { promoters: 1 } };
    const survey: SurveyScoresResult = {
      type: "nps",
      overall: score,
      periods: STARTS.map((start) => ({ start, ...score })),
    };
    expect(surveyRows(survey, "week", RANGE).map((r) => r.head)).toEqual([
      "Week of Aug 3 (Aug 5–9 only)",
      "Week of Aug 10",
      "Week of Oct 26 (Oct 26–31 only)",
    ]);
    const tip = surveyScoreOption(survey, "week", "#000", RANGE) as {
      tooltip: { formatter(ps: unknown): string };
    };
    expect(tip.tooltip.formatter([{ dataIndex: 0 }])).toContain("Week of Aug 3 (Aug 5–9 only)");

    const period = { revenue: 10, activeUsers: 5, payingUsers: 1, perUser: 2, perPayingUser: 10 };
    const revenue: RevenueResult = {
      revenue: 30,
      activeUsers: 5,
      payingUsers: 1,
      perUser: 6,
      perPayingUser: 30,
      periods: STARTS.map((start, i) => ({ start, ...period, cumulativeRevenue: 10 * (i + 1) })),
      cohorts: [],
      cohortDefinition: "",
    };
    const bars = revenueOption(revenue, "week", { bars: "#000", line: "#111" }, RANGE) as {
      xAxis: { data: string[] };
      tooltip: { formatter(ps: unknown): string };
    };
    expect(bars.xAxis.data).toEqual(["Aug 5–9", "Aug 10", "Oct 26–31"]);
    expect(bars.tooltip.formatter([{ dataIndex: 0, seriesName: "Revenue", value: 10 }])).toContain(
      "Week of Aug 3 (Aug 5–9 only)",
    );

    const adoption: FeatureAdoptionResult = {
      activeUsers: 10,
      features: [
        {
          event: "search",
          users: 5,
          events: 9,
          adoption: 0.5,
          trend: STARTS.map((start) => ({ start, users: 1, activeUsers: 2, adoption: 0.5 })),
        },
      ],
    };
    const trend = adoptionTrendOption(adoption, "week", 6, RANGE) as {
      xAxis: { data: string[] };
      tooltip: { formatter(ps: unknown): string };
    };
    expect(trend.xAxis.data[0]).toBe("Aug 5–9");
    expect(trend.tooltip.formatter([{ seriesIndex: 0, dataIndex: 0 }])).toContain(
      "Week of Aug 3 (Aug 5–9 only)",
    );
  });
});

describe("periods read whole (churn, active users, lifecycle, stickiness, retention)", () => {
  it("names the days the whole periods cover when the range cuts one", () => {
    expect(wholePeriodsNote(RANGE, "week", "monday")).toBe("weeks read whole: Aug 3, 2026 – Nov 1, 2026");
    expect(wholePeriodsNote(RANGE, "week", "sunday")).toBe("weeks read whole: Aug 2, 2026 – Oct 31, 2026");
    expect(wholePeriodsNote(RANGE, "month", "monday")).toBe("months read whole: Aug 1, 2026 – Oct 31, 2026");
    // nothing to say when the range is whole periods, or by day or hour
    expect(wholePeriodsNote({ from: "2026-08-03", to: "2026-11-01" }, "week", "monday")).toBeNull();
    expect(wholePeriodsNote(RANGE, "day", "monday")).toBeNull();
    expect(wholePeriodsNote(RANGE, "hour", "monday")).toBeNull();
  });
});
