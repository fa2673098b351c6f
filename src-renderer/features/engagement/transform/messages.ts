import type { MessageEngagementResult } from "../../../../src-preload/contract/metric-results.ts";
import type { ChartOption } from "../../../charts/echarts.ts";
import { categoryColor } from "../../../charts/palette.ts";
import { base, pctAxis, pctOrDash, valueLabel } from "./chart-parts.ts";

/** Open, click and click-to-open rates per breakdown value. */
export function messagesOption(r: MessageEngagementResult): ChartOption {
  const rows = r.rows.length ? r.rows : [r.total];
  return {
    ...base,
    legend: { top: 4, left: 0 },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: pctOrDash },
    xAxis: {
      type: "category",
      data: rows.map((x) => valueLabel(x.value, x.other)),
      axisLabel: { interval: 0, width: 110, overflow: "truncate" },
    },
    yAxis: pctAxis("Rate", undefined),
    series: [
      { name: "Open rate", key: "openRate" as const },
      { name: "Click rate", key: "clickRate" as const },
      { name: "Click-to-open", key: "clickToOpen" as const },
    ].map((s, i) => ({
      name: s.name,
      type: "bar" as const,
      barMaxWidth: 20,
      itemStyle: { color: categoryColor(i) },
      data: rows.map((x) => x[s.key]),
    })),
  };
}
