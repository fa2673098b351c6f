import type { Interval } from "../../../../src-preload/contract/common.ts";
import type { ChurnResult } from "../../../../src-preload/contract/metric-results.ts";
import type { ChartOption } from "../../../charts/echarts.ts";
import {
  base,
  countAndRateTooltip,
  countAxis,
  countTip,
  pctAxis,
  periodAxis,
  rateTip,
} from "./chart-parts.ts";

/** Active users as bars, churn and retention rates as lines on a percentage axis. */
export function churnOption(
  result: ChurnResult,
  interval: Interval,
  colors: { bars: string; down: string; up: string },
): ChartOption {
  return {
    ...base,
    legend: { top: 4, left: 0 },
    tooltip: countAndRateTooltip,
    xAxis: periodAxis(result.periods, interval),
    yAxis: [countAxis("Active users"), pctAxis("Rate", 1, true)],
    series: [
      {
        name: "Active users",
        type: "bar",
        barMaxWidth: 32,
        itemStyle: { color: colors.bars, opacity: 0.35 },
        tooltip: countTip,
        data: result.periods.map((p) => p.active),
      },
      {
        name: "Churn rate",
        type: "line",
        yAxisIndex: 1,
        itemStyle: { color: colors.down },
        tooltip: rateTip,
        connectNulls: false,
        data: result.periods.map((p) => p.churnRate),
      },
      {
        name: "Retention rate",
        type: "line",
        yAxisIndex: 1,
        itemStyle: { color: colors.up },
        tooltip: rateTip,
        connectNulls: false,
        data: result.periods.map((p) => p.retentionRate),
      },
    ],
  };
}
