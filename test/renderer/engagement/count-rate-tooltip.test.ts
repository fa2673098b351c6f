import { describe, expect, it } from "vitest";
import type { AcquisitionResult, ChurnResult } from "../../../src-preload/contract/metric-results.ts";
import type { ChartOption } from "../../../src-renderer/charts/echarts.ts";
import { acquisitionOption } from "../../../src-renderer/features/engagement/transform/acquisition.ts";
import { churnOption } from "../../../src-renderer/features/engagement/transform/churn.ts";

// Counts and rates share one axis tooltip, and a count of 1 is the same number as a rate of 100%:
// each series formats its own values, never a guess from the size of the number.

/** What the hover shows for one value of the named series: its own formatter, else the tooltip's. */
function shown(o: ChartOption, name: string, v: number): string {
  const list = Array.isArray(o.series) ? o.series : o.series ? [o.series] : [];
  const own = list.find((s) => s.name === name)?.tooltip?.valueFormatter;
  const tip = Array.isArray(o.tooltip) ? o.tooltip[0] : o.tooltip;
  const f = own ?? tip?.valueFormatter;
  if (!f) throw new Error(`no formatter for ${name}`);
  return f(v, 0);
}

const churn: ChurnResult = {
  periods: [
    {
      start: "2024-06-03",
      active: 1,
      new: 0,
      retainedNext: 0,
      churned: 1,
      churnRate: 1,
      retentionRate: null,
    },
    {
      start: "2024-06-10",
      active: 0,
      new: 0,
      retainedNext: null,
      churned: null,
      churnRate: null,
      retentionRate: 0.5,
    },
  ],
};

describe("count and rate tooltips", () => {
  it("churn: active users as counts, churn and retention as percentages", () => {
    const o = churnOption(churn, "week", { bars: "#000", up: "#0f0", down: "#f00" });
    expect(shown(o, "Active users", 1)).toBe("1");
    expect(shown(o, "Active users", 0)).toBe("0");
    expect(shown(o, "Churn rate", 1)).toBe("100.0%");
    expect(shown(o, "Retention rate", 0.5)).toBe("50.0%");
    expect(shown(o, "Retention rate", 0)).toBe("0.0%");
  });

  it("acquisition: new users as counts, conversion as a percentage", () => {
    const r: AcquisitionResult = {
      users: 1,
      rows: [{ value: "ads", users: 1, converted: 1, conversionRate: 1, retention: [] }],
    };
    const o = acquisitionOption(r, { bars: "#000", line: "#f00" }, true);
    expect(shown(o, "New users", 1)).toBe("1");
    expect(shown(o, "Conversion rate", 1)).toBe("100.0%");
    expect(shown(o, "Conversion rate", 0.5)).toBe("50.0%");
  });
});
