import type { Distribution, SessionsResult } from "../../../../src-preload/contract/metric-results.ts";
import type { ChartOption } from "../../../charts/echarts.ts";
import { fmtDate, fmtDuration, fmtInt, fmtPct } from "../../../charts/format.ts";
import { barsAndLine, base, countAxis } from "./chart-parts.ts";

/** Bucket label of a distribution whose bounds are lower edges, the last one open-ended. */
export function distributionLabel(d: Distribution, i: number): string {
  const lo = d.boundsSeconds[i] ?? 0;
  const hi = d.boundsSeconds[i + 1];
  return hi === undefined ? `${fmtDuration(lo)}+` : `${fmtDuration(lo)}–${fmtDuration(hi)}`;
}

export function sessionLengthOption(result: SessionsResult, color: string): ChartOption {
  const total = result.lengths.counts.reduce((a, b) => a + b, 0);
  return {
    ...base,
    grid: { left: 8, right: 16, top: 28, bottom: 28, containLabel: true },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (ps: unknown) => {
        const i = (ps as { dataIndex: number }[])[0]?.dataIndex ?? -1;
        const c = result.lengths.counts[i] ?? 0;
        return `${distributionLabel(result.lengths, i)}<br/>${fmtInt(c)} sessions (${fmtPct(total ? c / total : 0)})`;
      },
    },
    xAxis: {
      type: "category",
      name: "Session length",
      nameLocation: "middle",
      nameGap: 26,
      data: result.lengths.counts.map((_, i) => distributionLabel(result.lengths, i)),
      axisLabel: { hideOverlap: true },
    },
    yAxis: countAxis("Sessions"),
    series: [
      { type: "bar", name: "Sessions", barMaxWidth: 32, itemStyle: { color }, data: result.lengths.counts },
    ],
  };
}

export function sessionsDailyOption(
  result: SessionsResult,
  colors: { bars: string; line: string },
): ChartOption {
  return {
    ...base,
    legend: { top: 4, left: 0 },
    tooltip: {
      trigger: "axis",
      formatter: (ps: unknown) => {
        const d = result.days[(ps as { dataIndex: number }[])[0]?.dataIndex ?? -1];
        return d
          ? `<b>${d.date}</b><br/>${fmtInt(d.sessions)} sessions by ${fmtInt(d.users)} users<br/>${fmtDuration(d.avgSecondsPerUser)} per user`
          : "";
      },
    },
    xAxis: {
      type: "category",
      data: result.days.map((d) => d.date),
      axisLabel: { hideOverlap: true, formatter: (v: string) => fmtDate(v, false) },
    },
    yAxis: [
      countAxis("Sessions"),
      { type: "value", name: "Minutes per user", axisLabel: { formatter: (v: number) => `${v}` } },
    ],
    series: barsAndLine(
      { name: "Sessions", width: 16, color: colors.bars, data: result.days.map((d) => d.sessions) },
      {
        name: "Time per user (min)",
        color: colors.line,
        data: result.days.map((d) =>
          d.avgSecondsPerUser === null ? null : Math.round((d.avgSecondsPerUser / 60) * 10) / 10,
        ),
      },
    ),
  };
}
