import type { MessageEngagementQuery } from "../../../../src-preload/contract/metric-queries.ts";
import type { MessageEngagementResult } from "../../../../src-preload/contract/metric-results.ts";
import type { ChartOption } from "../../../charts/echarts.ts";
import { categoryColor } from "../../../charts/palette.ts";
import { base, pctAxis, pctOrDash, valueLabel } from "./chart-parts.ts";

/**
 * What each rate is a share of, as the engine divides (resources/docs/metrics.md, Message
 * engagement): open and click rates of the users delivered to (every user sent to without a
 * `delivered` matcher), click-to-open and conversion of the users who opened. Saying "of the users
 * who got a send" for all four overstated conversion's base many times over.
 */
export function messageRateLabels(q: Pick<MessageEngagementQuery, "delivered" | "conversion">) {
  const base = q.delivered ? "users delivered" : "users sent";
  const conversion = q.conversion?.event ?? "–";
  return {
    openRate: `Open rate (% of ${base})`,
    clickRate: `Click rate (% of ${base})`,
    clickToOpen: "Click-to-open (% of openers)",
    conversion: `Converted (${conversion}, % of openers)`,
    note: `Users: open and click rates are shares of the ${base}; click-to-open and conversion, of the users who opened`,
  };
}

/** Open, click and click-to-open rates per breakdown value. */
export function messagesOption(
  result: MessageEngagementResult,
  labels: Pick<ReturnType<typeof messageRateLabels>, "openRate" | "clickRate" | "clickToOpen"> = {
    openRate: "Open rate",
    clickRate: "Click rate",
    clickToOpen: "Click-to-open",
  },
): ChartOption {
  const rows = result.rows.length ? result.rows : [result.total];
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
      { name: labels.openRate, key: "openRate" as const },
      { name: labels.clickRate, key: "clickRate" as const },
      { name: labels.clickToOpen, key: "clickToOpen" as const },
    ].map((s, i) => ({
      name: s.name,
      type: "bar" as const,
      barMaxWidth: 20,
      itemStyle: { color: categoryColor(i) },
      data: rows.map((x) => x[s.key]),
    })),
  };
}
