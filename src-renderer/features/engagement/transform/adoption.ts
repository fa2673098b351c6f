import type { Interval } from "../../../../src-preload/contract/common.ts";
import type { FeatureAdoptionResult } from "../../../../src-preload/contract/metric-results.ts";
import type { ChartOption } from "../../../charts/echarts.ts";
import { escapeHtml, fmtInt } from "../../../charts/format.ts";
import { categoryColor } from "../../../charts/palette.ts";
import { base, pctAxis, pctOrDash } from "./chart-parts.ts";
import { clippedPeriodLabel, clippedPeriodShort, type DaySpan } from "./periods.ts";

/** Adoption per feature as horizontal bars, most adopted first. */
export function adoptionOption(result: FeatureAdoptionResult, color: string): ChartOption {
  const rows = [...result.features]
    .filter((f) => f.adoption !== null)
    .sort((a, b) => (b.adoption ?? 0) - (a.adoption ?? 0))
    .slice(0, 20);
  return {
    ...base,
    grid: { left: 8, right: 56, top: 8, bottom: 28, containLabel: true },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (ps: unknown) => {
        const f = rows[(ps as { dataIndex: number }[])[0]?.dataIndex ?? -1];
        return f
          ? `<b>${escapeHtml(f.event)}</b><br/>${fmtInt(f.users)} of ${fmtInt(result.activeUsers)} active users (${pctOrDash(f.adoption)})<br/>${fmtInt(f.events)} events`
          : "";
      },
    },
    xAxis: { ...pctAxis("Share of active users"), nameLocation: "middle", nameGap: 22 },
    yAxis: {
      type: "category",
      inverse: true,
      data: rows.map((f) => f.event),
      axisLabel: { width: 160, overflow: "truncate" },
    },
    series: [
      {
        type: "bar",
        name: "Adoption",
        barMaxWidth: 18,
        itemStyle: { color },
        label: { show: true, position: "right", formatter: (p: { value: unknown }) => pctOrDash(p.value) },
        data: rows.map((f) => f.adoption),
      },
    ],
  };
}

/**
 * Adoption per period of the top features. Adoption reads only the range's days (`clippedTo`): a
 * period the range cuts is labelled by the days it holds.
 */
export function adoptionTrendOption(
  result: FeatureAdoptionResult,
  interval: Interval,
  top = 6,
  clippedTo: DaySpan | null = null,
): ChartOption {
  const rows = [...result.features].sort((a, b) => (b.adoption ?? 0) - (a.adoption ?? 0)).slice(0, top);
  const starts = rows[0]?.trend.map((t) => t.start) ?? [];
  const title = (ps: { dataIndex: number }[]) => {
    const start = starts[ps[0]?.dataIndex ?? -1];
    return start === undefined
      ? []
      : [`<b>${escapeHtml(clippedPeriodLabel(start, interval, clippedTo))}</b>`];
  };
  return {
    ...base,
    // a plain legend wraps onto a second row instead of paging (at 1024 px it hid half the lines)
    legend: { type: "plain", top: 4, left: 0, right: 0 },
    grid: { ...base.grid, top: 40 + 24 * Math.ceil(rows.length / 3) },
    tooltip: {
      trigger: "axis",
      // a rate with its numerator and denominator, so the analyst can check it
      formatter: (ps: unknown) => {
        const points = ps as { seriesIndex: number; dataIndex: number }[];
        return [
          ...title(points),
          ...points.map(({ seriesIndex, dataIndex }) => {
            const f = rows[seriesIndex];
            const t = f?.trend[dataIndex];
            return f && t
              ? `${escapeHtml(f.event)}: ${fmtInt(t.users)} of ${fmtInt(t.activeUsers)} active users (${pctOrDash(t.adoption)})`
              : "";
          }),
        ].join("<br/>");
      },
    },
    xAxis: {
      type: "category",
      data: starts.map((s) => clippedPeriodShort(s, interval, clippedTo)),
      axisLabel: { hideOverlap: true },
    },
    yAxis: pctAxis("Adoption", undefined),
    series: rows.map((f, i) => ({
      name: f.event,
      type: "line" as const,
      itemStyle: { color: categoryColor(i) },
      connectNulls: false,
      data: f.trend.map((t) => t.adoption),
    })),
  };
}
