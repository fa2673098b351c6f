import type { Interval } from "../../../../src-preload/contract/common.ts";
import type { RevenueResult } from "../../../../src-preload/contract/metric-results.ts";
import type { ChartOption } from "../../../charts/echarts.ts";
import { fmtInt, fmtMoney, fmtPeriodShort } from "../../../charts/format.ts";
import { categoryColor } from "../../../charts/palette.ts";
import { barsAndLine, base, countAxis, periodAxis } from "./chart-parts.ts";

export function revenueOption(
  r: RevenueResult,
  interval: Interval,
  colors: { bars: string; line: string },
): ChartOption {
  return {
    ...base,
    legend: { top: 4, left: 0 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (v: unknown) => (typeof v === "number" ? fmtMoney(v) : "–"),
    },
    xAxis: periodAxis(r.periods, interval),
    yAxis: [countAxis("Revenue per period"), countAxis("Cumulative revenue", true)],
    series: barsAndLine(
      { name: "Revenue", width: 32, color: colors.bars, data: r.periods.map((p) => p.revenue) },
      { name: "Cumulative", color: colors.line, data: r.periods.map((p) => p.cumulativeRevenue) },
    ),
  };
}

/** LTV curves: cumulative revenue per cohort user, one line per cohort (the last 8 cohorts). */
export function ltvOption(result: RevenueResult, interval: Interval): ChartOption {
  const cohorts = result.cohorts.filter((c) => c.users > 0).slice(-8);
  const len = Math.max(0, ...cohorts.map((c) => c.ltv.length));
  return {
    ...base,
    legend: { type: "scroll", top: 4, left: 0 },
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (typeof v === "number" ? fmtMoney(v) : "–") },
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
      name: `${fmtPeriodShort(c.start, interval)} (${fmtInt(c.users)} users)`,
      type: "line" as const,
      showSymbol: false,
      itemStyle: { color: categoryColor(i) },
      data: c.ltv,
    })),
  };
}
