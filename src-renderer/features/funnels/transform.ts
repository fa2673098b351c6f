import type { EventMatcher } from "../../../src-preload/contract/common.ts";
import type { FunnelQuery } from "../../../src-preload/contract/queries.ts";
import type {
  FunnelBreakdownRow,
  FunnelResult,
  FunnelStepResult,
} from "../../../src-preload/contract/results.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import type { ChartOption } from "../../charts/echarts.ts";
import { escapeHtml, fmtCompact, fmtDuration, fmtInt, fmtPct } from "../../charts/format.ts";
import { BREAKDOWN_COLORS, breakdownColor, textOn } from "../../charts/palette.ts";

// Pure transforms from a funnel answer to what the chart and table draw.

export function stepName(m: EventMatcher): string {
  const base = m.event ?? "Any event";
  const n = m.where?.length ?? 0;
  return n ? `${base} (+${n} filter${n > 1 ? "s" : ""})` : base;
}

export interface StepRow {
  index: number;
  label: string;
  /** a step the user may skip (optionalSteps): its "dropped" are the users who skipped it */
  optional: boolean;
  /** the required step before it, which conversion from previous and drop-off are measured against */
  prevIndex: number;
  count: number;
  fromStart: number;
  fromPrevious: number;
  /** users who reached the previous step and not this one (0 for the first step) */
  dropped: number;
  /** dropped as a share of the previous step */
  droppedShare: number;
  medianSeconds: number | null;
  avgSeconds: number | null;
}

export function stepRows(
  steps: readonly FunnelStepResult[],
  matchers: readonly EventMatcher[],
  optionalSteps: readonly number[] = [],
): StepRow[] {
  let required = 0;
  return steps.map((s, i) => {
    const optional = optionalSteps.includes(i);
    const prevIndex = i === 0 ? 0 : required;
    if (!optional) required = i;
    const prev = i === 0 ? s.count : (steps[prevIndex]?.count ?? 0);
    const dropped = Math.max(0, prev - s.count);
    return {
      index: i,
      label: `${i + 1}. ${matchers[i] ? stepName(matchers[i]) : `Step ${i + 1}`}${optional ? " (optional)" : ""}`,
      optional,
      prevIndex,
      count: s.count,
      fromStart: s.conversionFromStart,
      fromPrevious: s.conversionFromPrevious,
      dropped,
      droppedShare: prev > 0 ? dropped / prev : 0,
      medianSeconds: i === 0 ? null : s.medianSecondsFromPrevious,
      avgSeconds: i === 0 ? null : s.avgSecondsFromPrevious,
    };
  });
}

export interface FunnelColors {
  accent: string;
  surface: string;
  dropped: string;
  text: string;
  muted: string;
}

/**
 * Horizontal step bars: the converted users solid, and stacked after them the users lost since the
 * previous step (shaded, labeled with count and share), so each row's full length is the previous
 * step's count and the eye reads the loss directly.
 */
export function funnelBarsOption(rows: readonly StepRow[], colors: FunnelColors): ChartOption {
  const max = Math.max(1, ...rows.map((r) => r.count + r.dropped));
  return {
    animationDuration: 250,
    animationDurationUpdate: 250,
    grid: { left: 8, right: 24, top: 28, bottom: 36, containLabel: true },
    legend: { top: 4, right: 0, data: ["Converted", "Dropped off"] },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (ps: unknown) => {
        const p = (ps as { dataIndex: number }[])[0];
        const r = p ? rows[p.dataIndex] : undefined;
        if (!r) return "";
        const lines = [
          `<b>${escapeHtml(r.label)}</b>`,
          `${fmtInt(r.count)} users · ${fmtPct(r.fromStart)} of step 1`,
        ];
        if (r.optional) {
          lines.push(`${fmtPct(r.fromPrevious)} of step ${r.prevIndex + 1} did it`);
          lines.push(`Skipped it: ${fmtInt(r.dropped)} (${fmtPct(r.droppedShare)}), who may go on`);
          lines.push(`Median time from step ${r.prevIndex + 1}: ${fmtDuration(r.medianSeconds)}`);
        } else if (r.index > 0) {
          const from = r.prevIndex === r.index - 1 ? "previous step" : `step ${r.prevIndex + 1}`;
          lines.push(`${fmtPct(r.fromPrevious)} from ${from}`);
          lines.push(`Dropped off: ${fmtInt(r.dropped)} (${fmtPct(r.droppedShare)})`);
          lines.push(`Median time from ${from}: ${fmtDuration(r.medianSeconds)}`);
        }
        lines.push(`<span style="opacity:.7">Click for “create segment”</span>`);
        return lines.join("<br/>");
      },
    },
    xAxis: {
      type: "value",
      name: "Users",
      nameLocation: "middle",
      nameGap: 24,
      max: Math.ceil(max * 1.28),
      // the room after the widest bar is for labels, not a tick
      axisLabel: { formatter: (v: number) => fmtCompact(v), showMaxLabel: false },
    },
    yAxis: {
      type: "category",
      inverse: true,
      data: rows.map((r) => r.label),
      axisLabel: { width: 180, overflow: "truncate", fontSize: 12, color: colors.text },
      axisTick: { show: false },
    },
    series: [
      {
        name: "Converted",
        type: "bar",
        stack: "funnel",
        barMaxWidth: 34,
        itemStyle: { color: colors.accent },
        data: rows.map((r) => ({
          value: r.count,
          // an optional step is drawn paler: it does not gate the steps after it
          ...(r.optional ? { itemStyle: { color: colors.accent, opacity: 0.5 } } : {}),
          label: {
            show: r.count / max >= NARROW,
            position: "insideLeft",
            color: textOn(colors.accent),
            fontWeight: 600,
            formatter: convertedText(r),
          },
        })),
      },
      {
        name: "Dropped off",
        type: "bar",
        stack: "funnel",
        barMaxWidth: 34,
        itemStyle: {
          color: colors.dropped,
          decal: {
            symbol: "rect",
            dashArrayX: [1, 0],
            dashArrayY: [2, 5],
            rotation: -Math.PI / 4,
            color: colors.muted,
          },
        },
        data: rows.map((r) => ({ value: r.dropped, label: droppedLabel(r, max, colors) })),
      },
    ],
  };
}

/** Below this share of the widest bar, a bar is too narrow for its own label. */
const NARROW = 0.3;

function convertedText(r: StepRow): string {
  return `${fmtInt(r.count)} · ${fmtPct(r.fromStart)}`;
}

/**
 * The drop-off label sits inside the shaded part when there is room (on a small surface-colored box,
 * so the hatching does not cross the text), else just after the bar. When the converted bar is too
 * narrow for its own label, its numbers lead this label instead, so two labels never overlap.
 */
function droppedLabel(r: StepRow, max: number, c: FunnelColors) {
  const lead = r.count / max < NARROW;
  const drop =
    r.index > 0 ? `{d|${r.optional ? "skipped" : "▼"} ${fmtInt(r.dropped)} (${fmtPct(r.droppedShare)})}` : "";
  const text = lead ? `{c|${convertedText(r)}}${drop ? `  ${drop}` : ""}` : drop;
  const roomy = r.dropped / max >= (lead ? 0.55 : 0.3);
  return {
    show: text !== "",
    position: roomy ? (lead ? "insideLeft" : "insideRight") : "right",
    formatter: text,
    ...(roomy ? { backgroundColor: c.surface, padding: [2, 6], borderRadius: 3 } : {}),
    rich: { c: { color: c.text, fontWeight: 600 }, d: { color: c.muted } },
  } as const;
}

export function breakdownLabel(v: string | number | boolean | null, other?: boolean): string {
  if (other) return "Other values";
  if (v === null) return "(not set)";
  return String(v);
}

/**
 * At most as many values as the palette has distinct colors; the rest (and the engine's own "other"
 * bucket) are summed into one "Other values" row, so no two values share a color.
 */
export function foldBreakdown(
  rows: readonly FunnelBreakdownRow[],
  max: number = BREAKDOWN_COLORS.length,
): FunnelBreakdownRow[] {
  const named = rows.filter((r) => !r.other);
  const rest = [...named.slice(max), ...rows.filter((r) => r.other)];
  if (rest.length === 0) return named;
  if (rest.length === 1 && rest[0]?.other) return [...named, rest[0]];
  const nSteps = Math.max(...rest.map((r) => r.steps.length));
  const counts = Array.from({ length: nSteps }, (_, k) =>
    rest.reduce((a, r) => a + (r.steps[k]?.count ?? 0), 0),
  );
  const first = counts[0] ?? 0;
  const steps: FunnelStepResult[] = counts.map((count, k) => ({
    count,
    conversionFromStart: first > 0 ? count / first : 0,
    conversionFromPrevious: k === 0 ? 1 : (counts[k - 1] ?? 0) > 0 ? count / (counts[k - 1] ?? 1) : 0,
    medianSecondsFromPrevious: null,
    avgSecondsFromPrevious: null,
  }));
  return [...named.slice(0, max), { value: null, other: true, steps }];
}

/** Breakdown: grouped bars of conversion from step 1 per step, one series per property value. */
export function breakdownOption(result: FunnelResult, matchers: readonly EventMatcher[]): ChartOption | null {
  const groups = foldBreakdown(result.breakdown ?? []);
  if (!groups.length) return null;
  const labels = matchers.map((m, i) => `${i + 1}. ${stepName(m)}`);
  return {
    animationDuration: 250,
    // a plain legend wraps: every value stays visible (a paged legend hid most of them)
    grid: { left: 8, right: 16, top: 20 + 24 * Math.ceil(groups.length / 5), bottom: 8, containLabel: true },
    legend: { type: "plain", top: 4, left: 0, right: 0 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (v: unknown) => (typeof v === "number" ? fmtPct(v) : String(v)),
    },
    xAxis: { type: "category", data: labels, axisLabel: { interval: 0, width: 140, overflow: "truncate" } },
    yAxis: {
      type: "value",
      max: 1,
      axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
    },
    series: groups.map((g, i) => ({
      name: breakdownLabel(g.value, g.other),
      type: "bar" as const,
      barMaxWidth: 22,
      itemStyle: { color: breakdownColor(i, g.other) },
      data: g.steps.map((s) => s.conversionFromStart),
    })),
  };
}

/** Bucket edge in seconds as a short axis label ("≤ 5 min"). */
export function bucketLabel(edges: readonly number[], i: number): string {
  const hi = edges[i];
  if (hi === undefined || !Number.isFinite(hi)) return `> ${fmtDuration(edges[i - 1] ?? 0)}`;
  return `≤ ${fmtDuration(hi)}`;
}

/** Time-to-convert histogram for the transition into `step` (1-based in the result's counts). */
export function timeToConvertOption(result: FunnelResult, step: number, color: string): ChartOption | null {
  const timeToConvert = result.timeToConvert;
  const counts = timeToConvert?.counts[step];
  if (!timeToConvert || !counts?.some((c) => c > 0)) return null;
  const total = counts.reduce((a, b) => a + b, 0);
  return {
    animationDuration: 250,
    grid: { left: 8, right: 16, top: 28, bottom: 28, containLabel: true },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (ps: unknown) => {
        const p = (ps as { dataIndex: number; value: number }[])[0];
        if (!p) return "";
        return `${bucketLabel(timeToConvert.bucketsSeconds, p.dataIndex)}<br/>${fmtInt(p.value)} users (${fmtPct(p.value / total)})`;
      },
    },
    xAxis: {
      type: "category",
      name: "Time from previous step",
      nameLocation: "middle",
      nameGap: 28,
      data: counts.map((_, i) => bucketLabel(timeToConvert.bucketsSeconds, i)),
      axisLabel: { hideOverlap: true },
    },
    yAxis: { type: "value", name: "Users", axisLabel: { formatter: (v: number) => fmtCompact(v) } },
    series: [{ type: "bar", name: "Users", itemStyle: { color }, barMaxWidth: 28, data: counts }],
  };
}

/** Users who reached step k and not k+1 (0-based), as a segment condition on the same funnel. */
export function droppedSegment(q: FunnelQuery, k: number): { name: string; definition: Segment } {
  return {
    name: `Dropped after ${stepName(q.steps[k] ?? { event: null })} (step ${k + 1})`,
    definition: { funnel: q, droppedAfter: k },
  };
}

export function reachedSegment(q: FunnelQuery, k: number): { name: string; definition: Segment } {
  const last = k === q.steps.length - 1;
  return {
    name: last
      ? `Converted: ${q.steps.map(stepName).join(" → ")}`
      : `Reached ${stepName(q.steps[k] ?? { event: null })} (step ${k + 1})`,
    definition: { funnel: q, reached: k },
  };
}

/**
 * Median (bar) and average (marker) time of each transition, when no histogram is available. Times
 * between steps span seconds to days, so the axis is logarithmic with humanized ticks.
 */
export function medianTimesOption(
  result: FunnelResult,
  matchers: readonly EventMatcher[],
  color: string,
): ChartOption {
  const labels = matchers.slice(1).map((m, i) => `${i + 1} → ${i + 2}. ${stepName(m)}`);
  const pos = (v: number | null) => (v === null || v <= 0 ? null : Math.max(1, v));
  const med = result.steps.slice(1).map((s) => pos(s.medianSecondsFromPrevious));
  const avg = result.steps.slice(1).map((s) => pos(s.avgSecondsFromPrevious));
  return {
    animationDuration: 250,
    grid: { left: 8, right: 88, top: 28, bottom: 28, containLabel: true },
    legend: { top: 4, right: 0, data: ["Median", "Average"] },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (v: unknown) => (typeof v === "number" ? fmtDuration(v) : "–"),
    },
    xAxis: {
      type: "log",
      name: "Time from previous step (log scale)",
      nameLocation: "middle",
      nameGap: 24,
      min: 1,
      logBase: 10,
      axisLabel: { formatter: (v: number) => fmtDuration(v) },
    },
    yAxis: { type: "category", inverse: true, data: labels, axisLabel: { width: 170, overflow: "truncate" } },
    series: [
      {
        name: "Median",
        type: "bar",
        barMaxWidth: 22,
        itemStyle: { color },
        data: med,
        label: {
          show: true,
          position: "right",
          formatter: (p: { value: unknown }) => `median ${fmtDuration(Number(p.value))}`,
        },
      },
      {
        name: "Average",
        type: "line",
        symbol: "diamond",
        symbolSize: 11,
        lineStyle: { opacity: 0 },
        data: avg,
        z: 5,
      },
    ],
  };
}
