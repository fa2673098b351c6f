import { describe, expect, it } from "vitest";
import type { ActivityHeatmapResult } from "../../../src-preload/contract/metric-results.ts";
import { DEFAULT_RAMP, luminance } from "../../../src-renderer/charts/palette.ts";
import {
  heatmapOption,
  lifecycleOption,
  stickinessBars,
  stickinessOption,
} from "../../../src-renderer/features/engagement/transform.ts";

type Bar = { name: string; stack?: string; data: number[] };

describe("lifecycle chart", () => {
  const r = {
    periods: [
      { start: "2024-06-03", new: 10, returning: 0, resurrecting: 0, dormant: 0 },
      { start: "2024-06-10", new: 5, returning: 6, resurrecting: 1, dormant: -4 },
    ],
  };

  it("stacks active statuses above the axis and draws dormant below it", () => {
    const series = lifecycleOption(r, "week").series as Bar[];
    expect(series.map((s) => s.name)).toEqual(["New", "Returning", "Resurrecting", "Dormant"]);
    expect(new Set(series.map((s) => s.stack)).size).toBe(1);
    expect(series[3]?.data).toEqual([-0, -4]);
    expect(series[0]?.data).toEqual([10, 5]);
  });

  it("keeps dormant below zero even if a result reports it positive", () => {
    const pos = { periods: [{ start: "2024-06-03", new: 1, returning: 0, resurrecting: 0, dormant: 3 }] };
    expect((lifecycleOption(pos, "week").series as Bar[])[3]?.data).toEqual([-3]);
  });
});

describe("stickiness bars", () => {
  it("gives each exact bucket its share of users active at least once", () => {
    const bars = stickinessBars([60, 30, 10], "exact");
    expect(bars.map((b) => b.share)).toEqual([0.6, 0.3, 0.1]);
  });

  it("uses the first cumulative count as the base", () => {
    const bars = stickinessBars([100, 40, 10], "cumulative");
    expect(bars.map((b) => b.share)).toEqual([1, 0.4, 0.1]);
    const o = stickinessOption(bars, "day", "cumulative", "#00f");
    expect((o.xAxis as { data: string[] }).data).toEqual(["≥1", "≥2", "≥3"]);
  });

  it("has no NaN shares when nobody was active", () => {
    expect(stickinessBars([0, 0], "exact").every((b) => b.share === 0)).toBe(true);
  });
});

describe("activity heatmap", () => {
  const cells = Array.from({ length: 7 }, (_, wd) =>
    Array.from({ length: 24 }, (_, h) => (wd === 2 && h === 20 ? 100 : h)),
  );
  const r: ActivityHeatmapResult = {
    measure: "events",
    cells,
    total: cells.flat().reduce((a, b) => a + b, 0),
  };

  it("has one cell per weekday and hour, with the value printed", () => {
    const s = (heatmapOption(r, DEFAULT_RAMP.light, false).series as { data: { value: number[] }[] }[])[0];
    expect(s?.data).toHaveLength(7 * 24);
    expect(s?.data.find((d) => d.value[0] === 20 && d.value[1] === 2)?.value[2]).toBe(100);
  });

  it("picks readable text on every cell in both themes", () => {
    for (const dark of [false, true]) {
      const s = (
        heatmapOption(r, dark ? DEFAULT_RAMP.dark : DEFAULT_RAMP.light, dark).series as {
          data: { itemStyle: { color: string }; label: { color: string } }[];
        }[]
      )[0];
      for (const d of s?.data ?? []) {
        const a = luminance(d.itemStyle.color);
        const b = luminance(d.label.color);
        expect((Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)).toBeGreaterThan(4.5);
      }
    }
  });
});
