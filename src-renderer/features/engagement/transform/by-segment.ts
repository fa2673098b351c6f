import type { Interval } from "../../../../src-preload/contract/common.ts";
import type { ChartOption } from "../../../charts/echarts.ts";
import { fmtPeriodShort } from "../../../charts/format.ts";
import { categoryColor } from "../../../charts/palette.ts";
import { base, pctAxis, pctOrDash } from "./chart-parts.ts";

/** One line per segment (plus everyone) of a per-period rate, on a shared % axis. */
export function bySegmentRateOption(
  series: { name: string; starts: string[]; values: (number | null)[] }[],
  interval: Interval,
  axisName: string,
): ChartOption {
  const starts = series[0]?.starts ?? [];
  return {
    ...base,
    legend: { type: "scroll", top: 4, left: 0, right: 0 },
    tooltip: { trigger: "axis", valueFormatter: pctOrDash },
    xAxis: {
      type: "category",
      data: starts.map((s) => fmtPeriodShort(s, interval)),
      axisLabel: { hideOverlap: true },
    },
    yAxis: pctAxis(axisName, undefined),
    series: series.map((x, i) => ({
      name: x.name,
      type: "line" as const,
      connectNulls: false,
      itemStyle: { color: categoryColor(i) },
      data: x.values,
    })),
  };
}
