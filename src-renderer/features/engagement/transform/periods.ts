import type { Interval, WeekStart } from "../../../../src-preload/contract/common.ts";
import { escapeHtml, fmtDate, fmtPeriod, fmtPeriodShort } from "../../../charts/format.ts";
import { addDays, addMonths, formatRange } from "../../../ui/format.ts";

// Two readings of "the periods of a range" (resources/docs/trust.md, "Periods and the range"):
// revenue, feature adoption and survey scores read only the range's days, so a week the range cuts
// holds fewer days than its label says; churn, active users, lifecycle, stickiness and retention read
// every period touching the range whole, so their first and last periods reach past it. Both label a
// period by its start, so these helpers say which days a period really covers.

/** Resolved range days, both inclusive (ISO dates in the query's timezone). */
export interface DaySpan {
  from: string;
  to: string;
}

/** The last day of the period starting on `start`. */
export function periodEnd(start: string, interval: Interval): string {
  if (interval === "day") return start;
  if (interval === "week") return addDays(start, 6);
  return addDays(addMonths(`${start.slice(0, 7)}-01`, 1), -1);
}

/** The first day of the period holding `day` (weeks from `weekStart`, calendar months). */
export function periodStartOf(day: string, interval: Interval, weekStart: WeekStart): string {
  if (interval === "day") return day;
  if (interval === "month") return `${day.slice(0, 7)}-01`;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const first = weekStart === "sunday" ? 0 : 1;
  return addDays(day, -((weekday - first + 7) % 7));
}

// ISO dates order as strings
const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/** The days a clipped period holds when the range cuts it; null when it is whole. */
export function cutDays(start: string, interval: Interval, range: DaySpan | null): DaySpan | null {
  if (!range) return null;
  const end = periodEnd(start, interval);
  const from = later(start, range.from);
  const to = earlier(end, range.to);
  return from === start && to === end ? null : { from, to };
}

/** "Aug 5–9", "Jul 29 – Aug 2" or "Aug 5". */
export function shortDays(span: DaySpan): string {
  if (span.from === span.to) return fmtDate(span.from, false);
  if (span.from.slice(0, 7) === span.to.slice(0, 7))
    return `${fmtDate(span.from, false)}–${Number(span.to.slice(8))}`;
  return `${fmtDate(span.from, false)} – ${fmtDate(span.to, false)}`;
}

/**
 * A clipped kind's period label: "Week of Aug 3", or "Week of Aug 3 (Aug 5–9 only)" when the range
 * cuts it, so it is not read as the whole week a whole-period kind counts under the same label.
 */
export function clippedPeriodLabel(start: string, interval: Interval, range: DaySpan | null): string {
  const cut = cutDays(start, interval, range);
  const label = fmtPeriod(start, interval);
  return cut ? `${label} (${shortDays(cut)} only)` : label;
}

/** The axis label: the period's start, or the days it holds ("Aug 5–9") when the range cuts it. */
export function clippedPeriodShort(start: string, interval: Interval, range: DaySpan | null): string {
  const cut = cutDays(start, interval, range);
  return cut ? shortDays(cut) : fmtPeriodShort(start, interval);
}

/** A table's raw value (sorting, CSV): the ISO start, with the days held when the range cuts it. */
export function clippedPeriodValue(start: string, interval: Interval, range: DaySpan | null): string {
  const cut = cutDays(start, interval, range);
  return cut ? `${start} (${cut.from} to ${cut.to} only)` : start;
}

/**
 * For the whole-period kinds: "weeks read whole: Aug 3 – Nov 1, 2026" when the range starts or ends
 * inside a week or month; null when it covers whole periods (or by day, which the range never cuts).
 */
export function wholePeriodsNote(
  range: DaySpan | null,
  interval: Interval | "hour",
  weekStart: WeekStart,
): string | null {
  if (!range || interval === "day" || interval === "hour") return null;
  const from = periodStartOf(range.from, interval, weekStart);
  const to = periodEnd(periodStartOf(range.to, interval, weekStart), interval);
  if (from === range.from && to === range.to) return null;
  return `${interval}s read whole: ${formatRange({ from, to })}`;
}

/**
 * An axis tooltip headed by the period's full label (ECharts heads it with the short axis label),
 * one line per series with its value formatted by `value`.
 */
export function periodTooltipFormatter(title: (index: number) => string, value: (v: unknown) => string) {
  return (ps: unknown): string => {
    const items = Array.isArray(ps)
      ? (ps as { dataIndex: number; seriesName: string; value: unknown; marker?: string }[])
      : [];
    const first = items[0];
    if (!first) return "";
    return [
      `<b>${escapeHtml(title(first.dataIndex))}</b>`,
      ...items.map((p) => `${p.marker ?? ""}${escapeHtml(p.seriesName)}: ${value(p.value)}`),
    ].join("<br/>");
  };
}
