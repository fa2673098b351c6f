import type { AcquisitionResult } from "../../../../src-preload/contract/metric-results.ts";
import type { ChartOption } from "../../../charts/echarts.ts";
import {
  base,
  countAndRateTooltip,
  countAxis,
  countTip,
  pctAxis,
  rateTip,
  valueLabel,
} from "./chart-parts.ts";

export function acquisitionOption(
  result: AcquisitionResult,
  colors: { bars: string; line: string },
  hasConversion: boolean,
): ChartOption {
  const rows = result.rows;
  return {
    ...base,
    legend: { top: 4, left: 0 },
    tooltip: countAndRateTooltip,
    xAxis: {
      type: "category",
      data: rows.map((x) => valueLabel(x.value, x.other)),
      axisLabel: { interval: 0, width: 100, overflow: "truncate" },
    },
    yAxis: [countAxis("New users"), pctAxis("Conversion", undefined, true)],
    series: [
      {
        name: "New users",
        type: "bar",
        barMaxWidth: 36,
        itemStyle: { color: colors.bars },
        tooltip: countTip,
        data: rows.map((x) => x.users),
      },
      ...(hasConversion
        ? [
            {
              name: "Conversion rate",
              type: "line" as const,
              yAxisIndex: 1,
              itemStyle: { color: colors.line },
              tooltip: rateTip,
              data: rows.map((x) => x.conversionRate),
            },
          ]
        : []),
    ],
  };
}
