import type { Interval } from "../../../../src-preload/contract/common.ts";
import type { RevenueResult } from "../../../../src-preload/contract/metric-results.ts";
import type { ChartOption } from "../../../charts/echarts.ts";
import { fmtInt, fmtMoney } from "../../../charts/format.ts";
import { categoryColor } from "../../../charts/palette.ts";
import { barsAndLine, base, countAxis, periodAxis } from "./chart-parts.ts";
import { clippedPeriodLabel, clippedPeriodShort, type DaySpan, periodTooltipFormatter } from "./periods.ts";

const moneyOrDash = (v: unknown) => (typeof v === "number" ? fmtMoney(v) : "–");

// Revenue reads only the range's days (`clippedTo`): a period the range cuts is labelled as such.

export function revenueOption(
  r: RevenueResult,
  interval: Interval,
  colors: { bars: string; line: string },
  clippedTo: DaySpan | null = null,
): ChartOption {
  return {
    ...base,
    legend: { top: 4, left: 0 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: periodTooltipFormatter(
        (i) => clippedPeriodLabel(r.periods[i]?.start ?? "", interval, clippedTo),
        moneyOrDash,
      ),
    },
    xAxis: periodAxis(r.periods, interval, clippedTo),
    yAxis: [countAxis("Revenue per period"), countAxis("Cumulative revenue", true)],
    series: barsAndLine(
      { name: "Revenue", width: 32, color: colors.bars, data: r.periods.map((p) => p.revenue) },
      { name: "Cumulative", color: colors.line, data: r.periods.map((p) => p.cumulativeRevenue) },
    ),
  };
}

/** LTV curves: cumulative revenue per cohort user, one line per cohort (the last 8 cohorts). */
export function ltvOption(
  result: RevenueResult,
  interval: Interval,
  clippedTo: DaySpan | null = null,
): ChartOption {
  const cohorts = result.cohorts.filter((c) => c.users > 0).slice(-8);
  const len = Math.max(0, ...cohorts.map((c) => c.ltv.length));
  return {
    ...base,
    legend: { type: "scroll", top: 4, left: 0 },
    tooltip: { trigger: "axis", valueFormatter: moneyOrDash },
    xAxis: {
      type: "category",
      name: `${interval === "day" ? "Days" : interval === "week" ? "Weeks" : "Months"} since first seen`,
      nameLocation: "middle",
      nameGap: 26,
      boundaryGap: false,
      data: Array.from({ length: len }, (_, k) => String(k)),
    },
    grid: { left: 8, right: 16, top: 64, bottom: 28, containLabel: true },
    yAxis: countAxis("Revenue per user (cumulative)"),
    series: cohorts.map((c, i) => ({
      name: `${clippedPeriodShort(c.start, interval, clippedTo)} (${fmtInt(c.users)} users)`,
      type: "line" as const,
      showSymbol: false,
      itemStyle: { color: categoryColor(i) },
      data: c.ltv,
    })),
  };
}
