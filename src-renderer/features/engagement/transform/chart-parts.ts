import type { Interval } from "../../../../src-preload/contract/common.ts";
import type { Value } from "../../../../src-preload/contract/metric-results.ts";
import { fmtCompact, fmtInt, fmtPct } from "../../../charts/format.ts";
import { clippedPeriodShort, type DaySpan } from "./periods.ts";

// Axis, grid and label pieces shared by the metric tabs' chart options. Rates arrive as fractions
// (null when undefined) and are drawn as gaps, never as 0.

// A second (right) axis aligns its name to the right so it stays inside the chart.
/**
 * A share axis from 0: `max` 1 is "up to 100%, further if a value is higher" (a customer retention
 * rate counts resurrected users and can pass 100%: a fixed top cut its line off the chart).
 */
export const pctAxis = (name: string, max: number | undefined = 1, right = false) => ({
  type: "value" as const,
  name,
  nameTextStyle: { align: right ? ("right" as const) : ("left" as const) },
  min: 0,
  ...(max === undefined ? {} : { max: (extent: { max: number }) => atLeast(max, extent.max) }),
  // a right-hand axis beside a count axis: its own grid lines fell between the other's (6K in six
  // steps, 100% in five), drawing a second, misaligned grid
  ...(right ? { splitLine: { show: false } } : {}),
  axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
});
/** `floor`, or the data's top rounded up to a quarter when it is higher. */
export function atLeast(floor: number, top: number): number {
  return Number.isFinite(top) && top > floor ? Math.ceil(top * 4) / 4 : floor;
}

export const countAxis = (name: string, right = false) => ({
  type: "value" as const,
  name,
  nameTextStyle: { align: right ? ("right" as const) : ("left" as const) },
  axisLabel: { formatter: (v: number) => fmtCompact(v) },
});
// Room at the top for a legend row and, under it, the axis names.
export const base = {
  animationDuration: 250,
  grid: { left: 8, right: 16, top: 64, bottom: 8, containLabel: true },
};
export const pctOrDash = (v: unknown) => (typeof v === "number" ? fmtPct(v) : "–");
/**
 * The category axis of a per-period chart: a short label per period, overlapping ones hidden. With
 * `clippedTo` (the kinds that read only the range's days), a period the range cuts is labelled by
 * the days it holds ("Aug 5–9"), not by its start.
 */
export const periodAxis = (
  periods: readonly { start: string }[],
  interval: Interval,
  clippedTo: DaySpan | null = null,
) => ({
  type: "category" as const,
  data: periods.map((p) => clippedPeriodShort(p.start, interval, clippedTo)),
  axisLabel: { hideOverlap: true },
});
export const countOrDash = (v: unknown) => (typeof v === "number" ? fmtInt(v) : "–");
/**
 * The axis tooltip over count bars and rate lines. It formats no value itself: a count of 1 and a
 * rate of 100% are the same number, so each series says what it holds with countTip or rateTip.
 */
export const countAndRateTooltip = {
  trigger: "axis" as const,
  axisPointer: { type: "shadow" as const },
};
/** A series' own tooltip formatter (ECharts uses it in the axis tooltip): counts as integers... */
export const countTip = { valueFormatter: countOrDash };
/** ...and rates, fractions, as percentages. */
export const rateTip = { valueFormatter: pctOrDash };

type Data = (number | null)[];
/** Bars on the left axis and a line without symbols on the right one: a per-period total and a second measure. */
export function barsAndLine(
  bars: { name: string; width: number; color: string; data: Data },
  line: { name: string; color: string; data: Data },
) {
  return [
    {
      name: bars.name,
      type: "bar" as const,
      barMaxWidth: bars.width,
      itemStyle: { color: bars.color },
      data: bars.data,
    },
    {
      name: line.name,
      type: "line" as const,
      yAxisIndex: 1,
      showSymbol: false,
      itemStyle: { color: line.color },
      data: line.data,
    },
  ];
}

export function valueLabel(v: Value, other?: boolean): string {
  if (other) return "Other values";
  if (v === null) return "(not set)";
  return String(v);
}
