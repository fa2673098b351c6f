import { describe, expect, it } from "vitest";
import type {
  ChurnResult,
  SessionsResult,
  SurveyScoresResult,
} from "../../../src-preload/contract/metric-results.ts";
import { bySegmentRateOption } from "../../../src-renderer/features/engagement/transform/by-segment.ts";
import { valueLabel } from "../../../src-renderer/features/engagement/transform/chart-parts.ts";
import { churnOption } from "../../../src-renderer/features/engagement/transform/churn.ts";
import { distributionLabel } from "../../../src-renderer/features/engagement/transform/sessions.ts";
import {
  bySegmentScoreOption,
  surveyMixOption,
  surveyScoreOption,
} from "../../../src-renderer/features/engagement/transform/surveys.ts";

describe("metric transforms", () => {
  it("draws one rate line per segment with unknown periods as gaps", () => {
    const o = bySegmentRateOption(
      [
        { name: "Everyone", starts: ["2024-06-03", "2024-06-10"], values: [0.4, null] },
        { name: "VIP (12)", starts: ["2024-06-03", "2024-06-10"], values: [0.1, null] },
      ],
      "week",
      "Churn rate",
    );
    const s = o.series as { name: string; data: (number | null)[] }[];
    expect(s.map((x) => x.name)).toEqual(["Everyone", "VIP (12)"]);
    expect(s[1]?.data).toEqual([0.1, null]);
    expect((o.xAxis as { data: string[] }).data).toEqual(["Jun 3", "Jun 10"]);
  });

  it("splits survey scores by segment only when segments were asked for", () => {
    const p = { responses: 2, respondents: 2, score: 50, breakdown: {}, ignored: 0 };
    const r: SurveyScoresResult = { type: "csat", overall: p, periods: [{ start: "2024-06-01", ...p }] };
    expect(bySegmentScoreOption(r, "month")).toBeNull();
    const o = bySegmentScoreOption(
      { ...r, bySegment: [{ name: "VIP", overall: p, periods: [{ start: "2024-06-01", ...p, score: 80 }] }] },
      "month",
    );
    const s = o?.series as { name: string; data: (number | null)[] }[];
    expect(s.map((x) => [x.name, x.data[0]])).toEqual([
      ["Everyone", 50],
      ["VIP", 80],
    ]);
  });

  it("draws unknown churn rates as gaps, not zeros", () => {
    const r: ChurnResult = {
      periods: [
        {
          start: "2024-06-03",
          active: 10,
          new: 10,
          retainedNext: 6,
          churned: 4,
          churnRate: 0.4,
          retentionRate: null,
        },
        {
          start: "2024-06-10",
          active: 8,
          new: 2,
          retainedNext: null,
          churned: null,
          churnRate: null,
          retentionRate: 0.6,
        },
      ],
    };
    const s = churnOption(r, "week", { bars: "#000", up: "#0f0", down: "#f00" }).series as {
      name: string;
      data: (number | null)[];
    }[];
    expect(s.find((x) => x.name === "Churn rate")?.data).toEqual([0.4, null]);
    expect(s.find((x) => x.name === "Retention rate")?.data).toEqual([null, 0.6]);
  });

  it("labels open-ended distributions", () => {
    const d: SessionsResult["lengths"] = { boundsSeconds: [0, 60, 600], counts: [1, 2, 3] };
    expect(distributionLabel(d, 0)).toBe("0 s–1 min");
    expect(distributionLabel(d, 2)).toBe("10 min+");
  });

  it("stacks the NPS response mix as shares and keeps the score on its own scale", () => {
    const p = {
      responses: 10,
      respondents: 10,
      score: 20,
      breakdown: { promoters: 4, passives: 4, detractors: 2 },
      ignored: 0,
    };
    const r: SurveyScoresResult = { type: "nps", overall: p, periods: [{ start: "2024-06-01", ...p }] };
    const mix = surveyMixOption(r, "month");
    const s = mix?.series as { name: string; data: (number | null)[] }[];
    expect(s.map((x) => x.name)).toEqual(["Promoters (9-10)", "Passives (7-8)", "Detractors (0-6)"]);
    expect(s[0]?.data).toEqual([0.4]);
    const score = surveyScoreOption(r, "month", "#00f");
    expect((score.series as { data: (number | null)[] }[])[0]?.data).toEqual([20]);
    expect(score.yAxis).toMatchObject({ min: -100, max: 100 });
    expect(surveyMixOption({ ...r, type: "ces" }, "month")).toBeNull();
  });

  it("names missing and grouped values", () => {
    expect(valueLabel(null)).toBe("(not set)");
    expect(valueLabel("x", true)).toBe("Other values");
    expect(valueLabel(false)).toBe("false");
  });
});
