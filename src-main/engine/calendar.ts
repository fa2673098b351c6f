import type { Interval, Range, WeekStart } from "../../src-preload/contract/common.ts";
import { StrataError } from "../../src-preload/contract/errors.ts";
import { startOfDate } from "../time/zoned.ts";
import { MAX_BUCKETS } from "./budget.ts";
import { outOfBounds } from "./typed-index.ts";

// Calendar arithmetic for queries. Civil dates (YYYY-MM-DD) are computed without a zone; only a
// bucket's boundaries become instants, in the query's timezone, so a DST day is 23 or 25 hours.

const DAY = 86_400_000;

function toUtc(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}
function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return fromUtc(toUtc(date) + n * DAY);
}

/** `date` moved by n calendar months, the day clamped to the month's length (Mar 31 - 1 = Feb 29). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(ny, nm, Math.min(d, last)));
}

export interface DateSpan {
  from: string;
  to: string;
}

/**
 * A Range as whole calendar days, both inclusive. `{last: N}` ends on the as-of day: N days,
 * 7N days, or N calendar months (the day after the as-of day N months back, through the as-of day).
 */
export function resolveRange(range: Range, asOf: string): DateSpan {
  if ("from" in range) return { from: range.from, to: range.to };
  if (range.unit === "day") return { from: addDays(asOf, -(range.last - 1)), to: asOf };
  if (range.unit === "week") return { from: addDays(asOf, -(7 * range.last - 1)), to: asOf };
  return { from: addDays(addMonths(asOf, -range.last), 1), to: asOf };
}

/** [start, end) instants of a span of days in a zone. */
export function spanInstants(span: DateSpan, tz: string): [number, number] {
  return [startOfDate(span.from, tz), startOfDate(addDays(span.to, 1), tz)];
}

/** The first day of the bucket (day, week or month) that contains `date`. */
export function bucketStart(date: string, interval: Interval, weekStart: WeekStart): string {
  if (interval === "day") return date;
  if (interval === "month") return `${date.slice(0, 7)}-01`;
  const dow = new Date(toUtc(date)).getUTCDay(); // 0 = Sunday
  const back = weekStart === "sunday" ? dow : (dow + 6) % 7;
  return addDays(date, -back);
}

export function nextBucket(start: string, interval: Interval): string {
  if (interval === "day") return addDays(start, 1);
  if (interval === "week") return addDays(start, 7);
  return addMonths(start, 1);
}

export function addBuckets(start: string, interval: Interval, n: number): string {
  if (interval === "day") return addDays(start, n);
  if (interval === "week") return addDays(start, 7 * n);
  return addMonths(start, n);
}

/** Buckets from the one starting on `first` to the one starting on `last`, both counted. */
function bucketCount(first: string, last: string, interval: Interval): number {
  if (interval === "month")
    return (
      (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 +
      (Number(last.slice(5, 7)) - Number(first.slice(5, 7))) +
      1
    );
  return Math.round((toUtc(last) - toUtc(first)) / DAY / (interval === "week" ? 7 : 1)) + 1;
}

/** A range of more than `cap` buckets fails as every kind's does: too_long, saying how many. */
export function capBuckets(n: number, interval: Interval | "hour", cap = MAX_BUCKETS): void {
  if (n > cap)
    throw new StrataError(
      "too_long",
      `that range holds about ${Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "too many"} ${interval}s; at most ${cap.toLocaleString("en-US")} buckets are shown: choose a shorter range or a coarser interval`,
    );
}

export interface Buckets {
  /** first day of each bucket */
  starts: string[];
  /** instants: bounds[k] is where bucket k starts, bounds[n] where the last one ends */
  bounds: Float64Array;
}

/** Consecutive buckets from the one containing `from` to the one containing `to`. */
export function bucketsCovering(
  span: DateSpan,
  interval: Interval,
  weekStart: WeekStart,
  tz: string,
  cap = MAX_BUCKETS,
): Buckets {
  const starts: string[] = [];
  const first = bucketStart(span.from, interval, weekStart);
  const last = bucketStart(span.to, interval, weekStart);
  // counted before any is made (a range of millennia by day would otherwise loop for minutes), and
  // exactly, so that the cap is the number of buckets the message names
  const count = bucketCount(first, last, interval);
  capBuckets(Number.isNaN(count) ? Number.POSITIVE_INFINITY : count, interval, cap);
  for (let s = first; s <= last; s = nextBucket(s, interval)) starts.push(s);
  return bucketsFrom(starts, interval, tz);
}

/** n consecutive buckets starting with the bucket that starts on `first`. */
export function bucketSeries(first: string, n: number, interval: Interval, tz: string): Buckets {
  capBuckets(n, interval);
  const starts: string[] = [];
  for (let k = 0, s = first; k < n; k++, s = nextBucket(s, interval)) starts.push(s);
  return bucketsFrom(starts, interval, tz);
}

function bucketsFrom(starts: string[], interval: Interval, tz: string): Buckets {
  const bounds = new Float64Array(starts.length + 1);
  starts.forEach((s, k) => {
    bounds[k] = startOfDate(s, tz);
  });
  const after =
    starts.length > 0 ? nextBucket(starts[starts.length - 1] ?? outOfBounds(), interval) : "1970-01-01";
  bounds[starts.length] = startOfDate(after, tz);
  return { starts, bounds };
}

/** Bucket index of instant t: -1 before the first bucket, n after the last (binary search). */
export function bucketIndex(bounds: Float64Array, t: number): number {
  const n = bounds.length - 1;
  if (t < (bounds[0] ?? outOfBounds())) return -1;
  if (t >= (bounds[n] ?? outOfBounds())) return n;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((bounds[mid] ?? outOfBounds()) <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * bucketIndex from a first guess: the instant's share of the whole span, then a step or two to the
 * bucket that holds it (buckets of unequal length, months or a day with a clock change, move the
 * guess by one or two). For a scan that places one instant per user, where a search's branches,
 * taken half the time, cost more than the division.
 */
export function bucketNear(bounds: Float64Array, t: number): number {
  const n = bounds.length - 1;
  const first = bounds[0] ?? outOfBounds();
  const last = bounds[n] ?? outOfBounds();
  if (t < first) return -1;
  if (t >= last) return n;
  let k = Math.min(n - 1, Math.floor(((t - first) / (last - first)) * n));
  while ((bounds[k] ?? outOfBounds()) > t) k--;
  while ((bounds[k + 1] ?? outOfBounds()) <= t) k++;
  return k;
}

export function durationMs(d: {
  value: number;
  unit: "second" | "minute" | "hour" | "day" | "week";
}): number {
  const unit = { second: 1000, minute: 60_000, hour: 3_600_000, day: DAY, week: 7 * DAY }[d.unit];
  return d.value * unit;
}
