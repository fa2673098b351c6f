import { describe, expect, it } from "vitest";
import type { PropensityQuery, PropensityResult } from "../../../src-preload/contract/predict.ts";
import { propensityText } from "../../../src-renderer/features/predict/condition-text.ts";
import {
  computedColumnChoices,
  propensityIn,
} from "../../../src-renderer/features/predict/export-columns.ts";
import { baselineSegment, topSegment, verdict } from "../../../src-renderer/features/predict/transform.ts";

const Q: PropensityQuery = {
  kind: "propensity",
  target: { event: "purchase" },
  horizon: { value: 14, unit: "day" },
};

function result(auc: number | null, baselineAuc: number | null, beatsBaseline: boolean): PropensityResult {
  return {
    cutoff: "2024-06-16",
    asOf: "2024-06-30",
    model: {
      kind: "logisticRegression",
      trainedOn: 800,
      testedOn: 200,
      positiveRate: 0.1,
      auc,
      baselineAuc,
      brier: 0.08,
      calibration: [],
      features: [],
      gains: [],
      beatsBaseline,
    },
    deciles: [],
  };
}

describe("Predict view transforms", () => {
  it("say plainly when the model is no better than the rule, with both AUCs", () => {
    const v = verdict(result(0.52, 0.51, false), Q);
    expect(v.good).toBe(false);
    expect(v.text).toContain("no better than");
    expect(v.text).toContain("0.520");
    expect(v.text).toContain("0.510");
    expect(verdict(result(0.8, 0.6, true), Q).good).toBe(true);
    expect(verdict(result(null, null, false), Q).good).toBe(false);
  });

  it("make the top N% segment from the shown query, and the rule's segment over the horizon", () => {
    expect(topSegment(Q, 10)).toEqual({
      name: "Top 10% likely to purchase in 14 days",
      definition: { propensity: Q, topPercent: 10 },
    });
    expect(baselineSegment(Q).definition).toEqual({
      performed: { event: "purchase" },
      within: { last: 14, unit: "day" },
    });
    // trained on a segment: the rule's users are among them too, as the top-% segment's are
    const pro = { attribute: { property: "plan", op: "eq" as const, value: "pro" } };
    expect(baselineSegment({ ...Q, segment: pro }).definition).toEqual({
      all: [pro, { performed: { event: "purchase" }, within: { last: 14, unit: "day" } }],
    });
    // 48 hours is two days wherever a horizon is read
    expect(baselineSegment({ ...Q, horizon: { value: 48, unit: "hour" } }).name).toBe(
      "Did purchase in the last 2 days",
    );
  });

  it("find the model in a segment for the export's score column", () => {
    const seg = {
      all: [
        { attribute: { property: "plan", op: "eq" as const, value: "pro" } },
        { not: { propensity: Q, topPercent: 5 } },
      ],
    };
    expect(propensityIn(seg)).toEqual(Q);
    expect(computedColumnChoices(seg).map((c) => c.name)).toEqual([
      "$bestSendHour",
      "$bestSendWeekday",
      "$propensityScore",
    ]);
    expect(computedColumnChoices({ all: [] }).map((c) => c.name)).toEqual([
      "$bestSendHour",
      "$bestSendWeekday",
    ]);
    expect(propensityText({ propensity: Q, topPercent: 5 }, false)).toBe(
      "in the top 5% likely to do purchase within 14 days",
    );
  });
});
