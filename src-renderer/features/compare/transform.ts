import type { CompareMetric, CompareQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { CompareMetricResult, CompareResult } from "../../../src-preload/contract/metric-results.ts";
import type { ChartOption } from "../../charts/echarts.ts";
import { escapeHtml, fmtInt, fmtMoney, fmtPct } from "../../charts/format.ts";
import { categoryColor } from "../../charts/palette.ts";

// Pure transforms for segment comparison: value formatting by metric type, test verdicts, the chart.

export function isProportion(t: CompareMetricResult["type"]): boolean {
  return t === "funnel" || t === "retention" || t === "rate";
}

export function fmtMetricValue(t: CompareMetricResult["type"], v: number | null): string {
  if (v === null) return "–";
  if (isProportion(t)) return fmtPct(v);
  if (t === "revenuePerUser") return fmtMoney(v);
  return v.toFixed(2);
}

export function fmtDifference(t: CompareMetricResult["type"], d: number | null): string {
  if (d === null) return "–";
  const sign = d > 0 ? "+" : d < 0 ? "−" : "±";
  const abs = Math.abs(d);
  // Proportions differ in percentage points, not percent.
  if (isProportion(t)) return `${sign}${(abs * 100).toFixed(1)} pp`;
  return `${sign}${t === "revenuePerUser" ? fmtMoney(abs) : abs.toFixed(2)}`;
}

export function fmtP(p: number | null): string {
  if (p === null) return "–";
  if (p < 0.001) return "<0.001";
  return p.toFixed(3);
}

export type Verdict = "baseline" | "notEnoughData" | "significant" | "notSignificant";

export interface CompareRow {
  segment: string;
  n: number;
  value: string;
  difference: string;
  p: string;
  verdict: Verdict;
  /** direction of a significant difference */
  up: boolean | null;
}

export function compareRows(m: CompareMetricResult): CompareRow[] {
  return m.values.map((v, i) => {
    const test = m.tests.find((t) => t.b === i);
    const base = { segment: v.segment, n: v.n, value: fmtMetricValue(m.type, v.value) };
    if (i === 0 || !test) return { ...base, difference: "", p: "", verdict: "baseline", up: null };
    if (test.state === "notEnoughData") {
      return { ...base, difference: "–", p: "–", verdict: "notEnoughData", up: null };
    }
    return {
      ...base,
      difference: fmtDifference(m.type, test.difference),
      p: fmtP(test.pValue),
      verdict: test.significant ? "significant" : "notSignificant",
      up: test.significant && test.difference !== null ? test.difference > 0 : null,
    };
  });
}

export function verdictText(v: Verdict, alpha: number, minUsers: number): string {
  switch (v) {
    case "baseline":
      return "Baseline";
    case "notEnoughData":
      return `Not enough data (needs ${fmtInt(minUsers)} users per segment)`;
    case "significant":
      return `Significant at ${Math.round((1 - alpha) * 100)}%`;
    default:
      return "No significant difference";
  }
}

export function metricLabel(m: CompareMetric): string {
  if (m.label) return m.label;
  switch (m.type) {
    case "rate":
      return `Share of users who did ${m.event.event ?? "any event"}`;
    case "eventsPerUser":
      return `${m.event.event ?? "Events"} per user`;
    case "revenuePerUser":
      return `${m.property} of ${m.event.event ?? "any event"} per user`;
    case "funnel":
      return `Conversion ${m.steps.map((s) => s.event ?? "any").join(" → ")}`;
    case "retention":
      return `Day ${m.day} retention`;
  }
}

/**
 * A result panel's title, from the query that produced the result: the metrics being edited may
 * already differ (another one added, one changed) while the previous answer is still on screen.
 */
export function panelLabel(shown: CompareQuery, m: CompareMetricResult, i: number): string {
  const asked = shown.metrics[i];
  return asked ? metricLabel(asked) : m.label;
}

/** One bar per segment, colored per segment, value printed; proportions on a % axis. */
export function compareOption(metric: CompareMetricResult): ChartOption {
  const prop = isProportion(metric.type);
  return {
    animationDuration: 250,
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (ps: unknown) => {
        const v = metric.values[(ps as { dataIndex: number }[])[0]?.dataIndex ?? -1];
        return v
          ? `<b>${escapeHtml(v.segment)}</b><br/>${fmtMetricValue(metric.type, v.value)} · ${fmtInt(v.n)} users`
          : "";
      },
    },
    xAxis: {
      type: "value",
      ...(prop ? { max: 1, axisLabel: { formatter: (x: number) => `${Math.round(x * 100)}%` } } : {}),
    },
    yAxis: {
      type: "category",
      inverse: true,
      data: metric.values.map((v) => v.segment),
      axisLabel: { width: 160, overflow: "truncate" },
    },
    series: [
      {
        type: "bar",
        name: metric.label,
        barMaxWidth: 22,
        data: metric.values.map((v, i) => ({ value: v.value, itemStyle: { color: categoryColor(i) } })),
        label: {
          show: true,
          position: "right",
          formatter: (p: { value: unknown }) => fmtMetricValue(metric.type, p.value as number | null),
        },
      },
    ],
  };
}

export function totalUsers(r: CompareResult): number {
  return r.segments.reduce((a, s) => a + s.users, 0);
}
