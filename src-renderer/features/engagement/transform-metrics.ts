import type { Interval } from "../../../src-preload/contract/common.ts";
import type {
  AcquisitionResult,
  ChurnResult,
  Distribution,
  FeatureAdoptionResult,
  MessageEngagementResult,
  RevenueResult,
  SessionsResult,
  SurveyScoresResult,
  Value,
} from "../../../src-preload/contract/metric-results.ts";
import type { ChartOption } from "../../charts/echarts.ts";
import {
  fmtCompact,
  fmtDate,
  fmtDuration,
  fmtInt,
  fmtMoney,
  fmtPct,
  fmtPeriod,
  fmtPeriodShort,
} from "../../charts/format.ts";
import { categoryColor } from "../../charts/palette.ts";

// Pure transforms for the metric tabs (churn, adoption, sessions, acquisition, revenue, surveys,
// messages). Rates arrive as fractions (null when undefined) and are drawn as gaps, never as 0.

// A second (right) axis aligns its name to the right so it stays inside the chart.
const pctAxis = (name: string, max: number | undefined = 1, right = false) => ({
  type: "value" as const,
  name,
  nameTextStyle: { align: right ? ("right" as const) : ("left" as const) },
  min: 0,
  ...(max === undefined ? {} : { max }),
  axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
});
const countAxis = (name: string, right = false) => ({
  type: "value" as const,
  name,
  nameTextStyle: { align: right ? ("right" as const) : ("left" as const) },
  axisLabel: { formatter: (v: number) => fmtCompact(v) },
});
// Room at the top for a legend row and, under it, the axis names.
const base = { animationDuration: 250, grid: { left: 8, right: 16, top: 64, bottom: 8, containLabel: true } };
const pctOrDash = (v: unknown) => (typeof v === "number" ? fmtPct(v) : "–");

export function valueLabel(v: Value, other?: boolean): string {
  if (other) return "Other values";
  if (v === null) return "(not set)";
  return String(v);
}

/** Active users as bars, churn and retention rates as lines on a percentage axis. */
export function churnOption(
  r: ChurnResult,
  interval: Interval,
  colors: { bars: string; down: string; up: string },
): ChartOption {
  return {
    ...base,
    legend: { top: 4, left: 0 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (v: unknown) => (typeof v === "number" && v > 1 ? fmtInt(v) : pctOrDash(v)),
    },
    xAxis: {
      type: "category",
      data: r.periods.map((p) => fmtPeriodShort(p.start, interval)),
      axisLabel: { hideOverlap: true },
    },
    yAxis: [countAxis("Active users"), pctAxis("Rate", 1, true)],
    series: [
      {
        name: "Active users",
        type: "bar",
        barMaxWidth: 32,
        itemStyle: { color: colors.bars, opacity: 0.35 },
        data: r.periods.map((p) => p.active),
      },
      {
        name: "Churn rate",
        type: "line",
        yAxisIndex: 1,
        itemStyle: { color: colors.down },
        connectNulls: false,
        data: r.periods.map((p) => p.churnRate),
      },
      {
        name: "Retention rate",
        type: "line",
        yAxisIndex: 1,
        itemStyle: { color: colors.up },
        connectNulls: false,
        data: r.periods.map((p) => p.retentionRate),
      },
    ],
  };
}

/** Adoption per feature as horizontal bars, most adopted first. */
export function adoptionOption(r: FeatureAdoptionResult, color: string): ChartOption {
  const rows = [...r.features]
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
          ? `<b>${f.event}</b><br/>${fmtInt(f.users)} of ${fmtInt(r.activeUsers)} active users (${pctOrDash(f.adoption)})<br/>${fmtInt(f.events)} events`
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

export function adoptionTrendOption(r: FeatureAdoptionResult, interval: Interval, top = 6): ChartOption {
  const rows = [...r.features].sort((a, b) => (b.adoption ?? 0) - (a.adoption ?? 0)).slice(0, top);
  const starts = rows[0]?.trend.map((t) => t.start) ?? [];
  return {
    ...base,
    legend: { type: "scroll", top: 4, left: 0 },
    tooltip: { trigger: "axis", valueFormatter: pctOrDash },
    xAxis: {
      type: "category",
      data: starts.map((s) => fmtPeriodShort(s, interval)),
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

/** Bucket label of a distribution whose bounds are lower edges, the last one open-ended. */
export function distributionLabel(d: Distribution, i: number): string {
  const lo = d.boundsSeconds[i] ?? 0;
  const hi = d.boundsSeconds[i + 1];
  return hi === undefined ? `${fmtDuration(lo)}+` : `${fmtDuration(lo)}–${fmtDuration(hi)}`;
}

export function sessionLengthOption(r: SessionsResult, color: string): ChartOption {
  const total = r.lengths.counts.reduce((a, b) => a + b, 0);
  return {
    ...base,
    grid: { left: 8, right: 16, top: 28, bottom: 28, containLabel: true },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (ps: unknown) => {
        const i = (ps as { dataIndex: number }[])[0]?.dataIndex ?? -1;
        const c = r.lengths.counts[i] ?? 0;
        return `${distributionLabel(r.lengths, i)}<br/>${fmtInt(c)} sessions (${fmtPct(total ? c / total : 0)})`;
      },
    },
    xAxis: {
      type: "category",
      name: "Session length",
      nameLocation: "middle",
      nameGap: 26,
      data: r.lengths.counts.map((_, i) => distributionLabel(r.lengths, i)),
      axisLabel: { hideOverlap: true },
    },
    yAxis: countAxis("Sessions"),
    series: [
      { type: "bar", name: "Sessions", barMaxWidth: 32, itemStyle: { color }, data: r.lengths.counts },
    ],
  };
}

export function sessionsDailyOption(r: SessionsResult, colors: { bars: string; line: string }): ChartOption {
  return {
    ...base,
    legend: { top: 4, left: 0 },
    tooltip: {
      trigger: "axis",
      formatter: (ps: unknown) => {
        const d = r.days[(ps as { dataIndex: number }[])[0]?.dataIndex ?? -1];
        return d
          ? `<b>${d.date}</b><br/>${fmtInt(d.sessions)} sessions by ${fmtInt(d.users)} users<br/>${fmtDuration(d.avgSecondsPerUser)} per user`
          : "";
      },
    },
    xAxis: {
      type: "category",
      data: r.days.map((d) => d.date),
      axisLabel: { hideOverlap: true, formatter: (v: string) => fmtDate(v, false) },
    },
    yAxis: [
      countAxis("Sessions"),
      { type: "value", name: "Minutes per user", axisLabel: { formatter: (v: number) => `${v}` } },
    ],
    series: [
      {
        name: "Sessions",
        type: "bar",
        barMaxWidth: 16,
        itemStyle: { color: colors.bars },
        data: r.days.map((d) => d.sessions),
      },
      {
        name: "Time per user (min)",
        type: "line",
        yAxisIndex: 1,
        showSymbol: false,
        itemStyle: { color: colors.line },
        data: r.days.map((d) =>
          d.avgSecondsPerUser === null ? null : Math.round((d.avgSecondsPerUser / 60) * 10) / 10,
        ),
      },
    ],
  };
}

export function acquisitionOption(
  r: AcquisitionResult,
  colors: { bars: string; line: string },
  hasConversion: boolean,
): ChartOption {
  const rows = r.rows;
  return {
    ...base,
    legend: { top: 4, left: 0 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (v: unknown) => (typeof v === "number" && v > 1 ? fmtInt(v) : pctOrDash(v)),
    },
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
        data: rows.map((x) => x.users),
      },
      ...(hasConversion
        ? [
            {
              name: "Conversion rate",
              type: "line" as const,
              yAxisIndex: 1,
              itemStyle: { color: colors.line },
              data: rows.map((x) => x.conversionRate),
            },
          ]
        : []),
    ],
  };
}

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
    xAxis: {
      type: "category",
      data: r.periods.map((p) => fmtPeriodShort(p.start, interval)),
      axisLabel: { hideOverlap: true },
    },
    yAxis: [countAxis("Revenue per period"), countAxis("Cumulative revenue", true)],
    series: [
      {
        name: "Revenue",
        type: "bar",
        barMaxWidth: 32,
        itemStyle: { color: colors.bars },
        data: r.periods.map((p) => p.revenue),
      },
      {
        name: "Cumulative",
        type: "line",
        yAxisIndex: 1,
        showSymbol: false,
        itemStyle: { color: colors.line },
        data: r.periods.map((p) => p.cumulativeRevenue),
      },
    ],
  };
}

/** LTV curves: cumulative revenue per cohort user, one line per cohort (the last 8 cohorts). */
export function ltvOption(r: RevenueResult, interval: Interval): ChartOption {
  const cohorts = r.cohorts.filter((c) => c.users > 0).slice(-8);
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

const SURVEY_PARTS: Record<SurveyScoresResult["type"], { key: string; label: string; color: string }[]> = {
  nps: [
    { key: "promoters", label: "Promoters (9-10)", color: "#009E73" },
    { key: "passives", label: "Passives (7-8)", color: "#999999" },
    { key: "detractors", label: "Detractors (0-6)", color: "#D55E00" },
  ],
  csat: [
    { key: "satisfied", label: "Satisfied (4-5)", color: "#009E73" },
    { key: "other", label: "Other", color: "#999999" },
  ],
  ces: [],
};

export function surveyScaleName(type: SurveyScoresResult["type"]): string {
  return type === "nps"
    ? "NPS (−100 to 100)"
    : type === "csat"
      ? "CSAT (% satisfied)"
      : "CES (mean effort score)";
}

function mixShare(p: SurveyScoresResult["periods"][number], key: string): number | null {
  return p.responses ? (p.breakdown[key] ?? 0) / p.responses : null;
}

/** The score per period on its own scale (NPS -100..100, CSAT 0..100, CES from 1). */
export function surveyScoreOption(r: SurveyScoresResult, interval: Interval, color: string): ChartOption {
  return {
    ...base,
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      trigger: "axis",
      formatter: (ps: unknown) => {
        const p = r.periods[(ps as { dataIndex: number }[])[0]?.dataIndex ?? -1];
        if (!p) return "";
        return `<b>${fmtPeriod(p.start, interval)}</b><br/>Score: ${p.score === null ? "–" : p.score.toFixed(1)}<br/>${fmtInt(p.responses)} responses from ${fmtInt(p.respondents)} users`;
      },
    },
    xAxis: {
      type: "category",
      data: r.periods.map((p) => fmtPeriodShort(p.start, interval)),
      axisLabel: { hideOverlap: true },
    },
    yAxis: {
      type: "value",
      name: surveyScaleName(r.type),
      nameTextStyle: { align: "left" },
      ...(r.type === "nps" ? { min: -100, max: 100 } : r.type === "csat" ? { min: 0, max: 100 } : { min: 1 }),
    },
    series: [
      {
        name: "Score",
        type: "line",
        itemStyle: { color },
        lineStyle: { width: 3 },
        connectNulls: false,
        label: {
          show: r.periods.length <= 12,
          position: "top",
          textBorderWidth: 0,
          formatter: (p: { value: unknown }) => (typeof p.value === "number" ? p.value.toFixed(1) : ""),
        },
        data: r.periods.map((p) => p.score),
      },
    ],
  };
}

/** The response mix per period (promoters / passives / detractors) as 100% stacked bars. */
export function surveyMixOption(r: SurveyScoresResult, interval: Interval): ChartOption | null {
  const parts = SURVEY_PARTS[r.type];
  if (!parts.length) return null;
  return {
    ...base,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 4, left: 0 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (ps: unknown) => {
        const p = r.periods[(ps as { dataIndex: number }[])[0]?.dataIndex ?? -1];
        if (!p) return "";
        return [
          `<b>${fmtPeriod(p.start, interval)}</b> · ${fmtInt(p.responses)} responses`,
          ...parts.map(
            (x) => `${x.label}: ${fmtInt(p.breakdown[x.key] ?? 0)} (${pctOrDash(mixShare(p, x.key))})`,
          ),
        ].join("<br/>");
      },
    },
    xAxis: {
      type: "category",
      data: r.periods.map((p) => fmtPeriodShort(p.start, interval)),
      axisLabel: { hideOverlap: true },
    },
    yAxis: { ...pctAxis(""), name: undefined },
    series: parts.map((x) => ({
      name: x.label,
      type: "bar" as const,
      stack: "mix",
      barMaxWidth: 40,
      itemStyle: { color: x.color },
      label: {
        show: r.periods.length <= 8,
        color: "#111111",
        fontSize: 11,
        formatter: (p: { value: unknown }) =>
          typeof p.value === "number" && p.value >= 0.06 ? fmtPct(p.value) : "",
      },
      data: r.periods.map((p) => mixShare(p, x.key)),
    })),
  };
}

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

/** Survey score per period, one line per segment (plus everyone), on the score's own scale. */
export function bySegmentScoreOption(r: SurveyScoresResult, interval: Interval): ChartOption | null {
  if (!r.bySegment?.length) return null;
  const lines = [{ name: "Everyone", periods: r.periods }, ...r.bySegment];
  return {
    ...base,
    legend: { type: "scroll", top: 4, left: 0, right: 0 },
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: unknown) => (typeof v === "number" ? v.toFixed(1) : "–"),
    },
    xAxis: {
      type: "category",
      data: r.periods.map((p) => fmtPeriodShort(p.start, interval)),
      axisLabel: { hideOverlap: true },
    },
    yAxis: {
      type: "value",
      name: surveyScaleName(r.type),
      nameTextStyle: { align: "left" },
      ...(r.type === "nps" ? { min: -100, max: 100 } : r.type === "csat" ? { min: 0, max: 100 } : { min: 1 }),
    },
    series: lines.map((l, i) => ({
      name: l.name,
      type: "line" as const,
      connectNulls: false,
      itemStyle: { color: categoryColor(i) },
      data: l.periods.map((p) => p.score),
    })),
  };
}
