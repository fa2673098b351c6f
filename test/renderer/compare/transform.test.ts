import { describe, expect, it } from "vitest";
import type { CompareMetricResult } from "../../../src-preload/contract/metric-results.ts";
import {
  compareRows,
  fmtDifference,
  fmtP,
  metricLabel,
  verdictText,
} from "../../../src-renderer/features/compare/transform.ts";

const metric = (over: Partial<CompareMetricResult> = {}): CompareMetricResult => ({
  type: "rate",
  label: "purchase",
  values: [
    { segment: "All", n: 1000, value: 0.2, successes: 200 },
    { segment: "Push", n: 400, value: 0.3, successes: 120 },
    { segment: "Tiny", n: 5, value: 0.4, successes: 2 },
  ],
  tests: [
    {
      a: 0,
      b: 1,
      state: "ok",
      test: "twoProportionZ",
      difference: 0.1,
      statistic: 4.1,
      pValue: 0.00004,
      significant: true,
    },
    {
      a: 0,
      b: 2,
      state: "notEnoughData",
      test: "twoProportionZ",
      difference: null,
      statistic: null,
      pValue: null,
      significant: null,
    },
  ],
  ...over,
});

describe("compare transforms", () => {
  it("reads each arm against the baseline", () => {
    const rows = compareRows(metric());
    expect(rows.map((r) => r.verdict)).toEqual(["baseline", "significant", "notEnoughData"]);
    expect(rows[1]).toMatchObject({ value: "30.0%", difference: "+10.0 pp", p: "<0.001", up: true });
    expect(rows[2]).toMatchObject({ difference: "–", p: "–", up: null });
  });

  it("keeps a non-significant difference neutral", () => {
    const m = metric({
      type: "revenuePerUser",
      values: [
        { segment: "A", n: 100, value: 10, sd: 3 },
        { segment: "B", n: 100, value: 9.5, sd: 3 },
      ],
      tests: [
        {
          a: 0,
          b: 1,
          state: "ok",
          test: "welchT",
          difference: -0.5,
          statistic: -1.2,
          df: 197,
          pValue: 0.23,
          significant: false,
        },
      ],
    });
    const rows = compareRows(m);
    expect(rows[1]).toMatchObject({
      value: "9.50",
      difference: "−0.50",
      p: "0.230",
      verdict: "notSignificant",
      up: null,
    });
  });

  it("formats differences, p-values and verdicts", () => {
    expect(fmtDifference("eventsPerUser", 1.234)).toBe("+1.23");
    expect(fmtDifference("rate", 0)).toBe("±0.0 pp");
    expect(fmtP(0.0499)).toBe("0.050");
    expect(verdictText("notEnoughData", 0.05, 30)).toBe("Not enough data (needs 30 users per segment)");
    expect(verdictText("significant", 0.05, 30)).toBe("Significant at 95%");
  });

  it("names metrics from their definition", () => {
    expect(metricLabel({ type: "funnel", steps: [{ event: "a" }, { event: "b" }] })).toBe("Conversion a → b");
    expect(metricLabel({ type: "retention", target: { event: null }, return: { event: null }, day: 7 })).toBe(
      "Day 7 retention",
    );
    expect(metricLabel({ type: "rate", label: "Buyers", event: { event: "purchase" } })).toBe("Buyers");
  });
});
