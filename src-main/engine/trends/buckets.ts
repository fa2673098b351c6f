import type { Range, WeekStart } from "../../../src-preload/contract/common.ts";
import type { TrendsInterval } from "../../../src-preload/contract/trends.ts";
import { startOfDate, zonedParts, zonedTimeToUtc } from "../../time/zoned.ts";
import { addDays, addMonths, bucketsCovering, capBuckets, type DateSpan } from "../calendar.ts";
import { outOfBounds } from "../typed-index.ts";

// Trend buckets: days, weeks and months from the engine's calendar; hours as local clock hours,
// so a fall-back day's repeated hour is one (two-hour) bucket and a spring-forward day's skipped
// hour has none.

export interface TrendBuckets {
  labels: string[];
  /** bounds[k] is where bucket k starts, bounds[n] where the last one ends */
  bounds: Float64Array;
}

/**
 * More buckets than any chart can show: a year of hours is 8,784. Above the other kinds' 3,700
 * (budget.ts), whose cost can grow with the square of the buckets; a trend's grows with their number.
 */
export const MAX_BUCKETS = 20_000;

const pad = (n: number) => String(n).padStart(2, "0");

function hourBuckets(span: DateSpan, tz: string): TrendBuckets {
  const labels: string[] = [];
  const bounds: number[] = [];
  for (let d = span.from; d <= span.to; d = addDays(d, 1)) {
    const [y, m, day] = d.split("-").map(Number) as [number, number, number];
    for (let h = 0; h < 24; h++) {
      const t = firstInstantOf(zonedTimeToUtc(y, m, day, h, 0, 0, 0, tz), day, h, tz);
      const p = zonedParts(t, tz);
      // a skipped hour resolves to the instant after the gap, which is the next hour's
      if (p.hour !== h || p.day !== day) continue;
      if (bounds.length > 0 && t <= (bounds[bounds.length - 1] ?? outOfBounds())) continue;
      labels.push(`${d}T${pad(h)}:00`);
      bounds.push(t);
      capBuckets(labels.length, "hour", MAX_BUCKETS);
    }
  }
  bounds.push(startOfDate(addDays(span.to, 1), tz));
  return { labels, bounds: Float64Array.from(bounds) };
}

/**
 * The first instant a local hour starts. On a fall-back day its clock hour happens twice, and the
 * bucket must begin at the first of them (02:00 summer time in Berlin, not 02:00 winter time):
 * otherwise the hour before swallows the first pass. Shifts are whole or half hours.
 */
function firstInstantOf(t: number, day: number, hour: number, tz: string): number {
  for (const back of [3_600_000, 1_800_000]) {
    const p = zonedParts(t - back, tz);
    if (p.day === day && p.hour === hour && p.minute === 0) return t - back;
  }
  return t;
}

export function trendBuckets(
  span: DateSpan,
  interval: TrendsInterval,
  weekStart: WeekStart,
  tz: string,
): TrendBuckets {
  if (interval === "hour") {
    // counted before any is made (a range of millennia would loop for minutes); a zone's shifts
    // make a day 23 to 25 hours, so the exact count is checked again as the hours are made
    const days = (Date.parse(span.to) - Date.parse(span.from)) / 86_400_000 + 1;
    if (!(days * 24 <= MAX_BUCKETS + 48))
      capBuckets(Number.isNaN(days) ? Number.POSITIVE_INFINITY : days * 24, "hour", MAX_BUCKETS);
    return hourBuckets(span, tz);
  }
  const b = bucketsCovering(span, interval, weekStart, tz, MAX_BUCKETS);
  return { labels: b.starts, bounds: b.bounds };
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/**
 * The period just before a range, of the same length: `{last: N, unit: "month"}` is the N calendar
 * months before the first day (taken back from the first day itself: from the day before it, a
 * range starting on the 1st of March would begin on 30 November, as 29 February less three months
 * clamps to the 29th); any other range the same number of days before it.
 */
export function previousSpan(range: Range, span: DateSpan): DateSpan {
  const to = addDays(span.from, -1);
  if ("last" in range && range.unit === "month") return { from: addMonths(span.from, -range.last), to };
  return { from: addDays(span.from, -(daysBetween(span.from, span.to) + 1)), to };
}
