import { describe, expect, it } from "vitest";
import type { FunnelBreakdownRow, FunnelResult } from "../../../src-preload/contract/results.ts";
import { BREAKDOWN_COLORS, OTHER_COLOR } from "../../../src-renderer/charts/palette.ts";
import { breakdownOption, foldBreakdown } from "../../../src-renderer/features/funnels/transform.ts";

// Breakdown colors stay distinct up to the breakdown limit, then "Other values" (gray) takes the rest.

const row = (value: string, counts: number[], other = false): FunnelBreakdownRow => ({
  value,
  ...(other ? { other: true } : {}),
  steps: counts.map((count) => ({
    count,
    conversionFromStart: count / (counts[0] ?? 1),
    conversionFromPrevious: 1,
    medianSecondsFromPrevious: null,
    avgSecondsFromPrevious: null,
  })),
});

describe("breakdown palette", () => {
  it("has distinct colors for every value up to the limit, gray only for Other", () => {
    expect(new Set(BREAKDOWN_COLORS).size).toBe(BREAKDOWN_COLORS.length);
    expect(BREAKDOWN_COLORS).not.toContain(OTHER_COLOR);
    const rows = Array.from({ length: 14 }, (_, i) => row(`v${i}`, [100 - i, 50 - i]));
    const result: FunnelResult = { steps: [], breakdown: [...rows, row("", [30, 3], true)] };
    const series = (breakdownOption(result, [{ event: "a" }, { event: "b" }])?.series ?? []) as {
      name: string;
      itemStyle: { color: string };
      data: number[];
    }[];
    expect(series).toHaveLength(BREAKDOWN_COLORS.length + 1);
    const colors = series.map((s) => s.itemStyle.color);
    expect(new Set(colors).size).toBe(colors.length);
    expect(series.at(-1)?.name).toBe("Other values");
    expect(series.at(-1)?.itemStyle.color).toBe(OTHER_COLOR);
  });

  it("sums the values past the limit with the engine's Other into one Other row", () => {
    const rows = [row("a", [10, 5]), row("b", [8, 4]), row("c", [6, 3]), row("", [4, 1], true)];
    const folded = foldBreakdown(rows, 2);
    expect(folded.map((r) => r.value)).toEqual(["a", "b", null]);
    expect(folded[2]?.steps.map((s) => s.count)).toEqual([10, 4]);
    expect(folded[2]?.steps[1]?.conversionFromStart).toBeCloseTo(0.4);
  });
});
