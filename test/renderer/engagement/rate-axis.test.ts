import { describe, expect, it } from "vitest";
import type { ChurnResult } from "../../../src-preload/contract/metric-results.ts";
import { churnOption } from "../../../src-renderer/features/engagement/transform/churn.ts";

// A customer retention rate counts resurrected users, so it can pass 100% (the demo's week of
// Oct 5: 114%). The rate axis stopped at 100% and cut that point's line off the chart.

const period = (start: string, retentionRate: number | null) => ({
  start,
  active: 10,
  new: 1,
  retainedNext: 5,
  churned: 5,
  churnRate: 0.5,
  retentionRate,
});

const rateTop = (r: ChurnResult) => {
  const axes = churnOption(r, "week", { bars: "#000", down: "#f00", up: "#0f0" }).yAxis as {
    max?: (extent: { max: number; min: number }) => number;
  }[];
  const max = axes[1]?.max;
  if (!max) throw new Error("the rate axis has no top");
  const rates = r.periods.flatMap((p) => [p.churnRate, p.retentionRate]).filter((x) => x !== null);
  return max({ min: 0, max: Math.max(...rates) });
};

describe("churn's rate axis", () => {
  it("reaches a retention rate above 100%", () => {
    expect(
      rateTop({ periods: [period("2026-09-28", 0.81), period("2026-10-05", 1.137)] }),
    ).toBeGreaterThanOrEqual(1.137);
  });

  it("stays at 100% when every rate is below it", () => {
    expect(rateTop({ periods: [period("2026-09-28", 0.81)] })).toBe(1);
  });
});
