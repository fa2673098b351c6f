import type { Interval, WeekStart } from "../../../src-preload/contract/common.ts";
import { startOfDate, zoneOffsetMs } from "../../time/zoned.ts";
import { addDays, addMonths, bucketStart, nextBucket, resolveRange } from "../calendar.ts";
import { outOfBounds } from "../typed-index.ts";
import { bucketOf, inverseUp } from "./bucket.ts";

// Calendar days of one timezone (day-level companion of ../calendar.ts, whose range and bucket rules
// this reuses) over a span of dates, for bucketing millions of event times without
// an Intl call per event: each day's start instant is computed once, an event's day is a binary
// search, and its hour is read from the day's UTC offset (split at the DST change when there is one).

export const DAY_MS = 86_400_000;
/** for bucketOf(offset, DAY_MS, INVERSE_DAY): a day's index in a calendar of 24-hour days, inline */
export const INVERSE_DAY = inverseUp(DAY_MS);
const HOUR_MS = 3_600_000;

export { addDays, addMonths, resolveRange };

export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** 0 = Monday ... 6 = Sunday */
export function weekdayOf(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export const periodStart = bucketStart;

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
export const nextPeriod = nextBucket;

export class Calendar {
  readonly tz: string;
  readonly dates: string[];
  /** starts[k] is the first instant of day k; starts[days] the end of the last day */
  readonly starts: Float64Array;
  private readonly offStart: Float64Array;
  private readonly offEnd: Float64Array;
  /** every day is 24 hours long (UTC, a fixed offset, or no DST change in the span) */
  readonly uniform: boolean;

  constructor(from: string, to: string, tz: string) {
    this.tz = tz;
    const n = daysBetween(from, to) + 1;
    this.dates = [];
    this.starts = new Float64Array(n + 1);
    // UTC (the usual workspace zone) needs no Intl call: days start at UTC midnight, offsets are 0
    const utc = tz === "UTC" || tz === "Etc/UTC";
    for (let k = 0; k <= n; k++) {
      const d = addDays(from, k);
      if (k < n) this.dates.push(d);
      this.starts[k] = utc ? Date.parse(`${d}T00:00:00Z`) : startOfDate(d, tz);
    }
    this.offStart = new Float64Array(n);
    this.offEnd = new Float64Array(n);
    for (let k = 0; k < n && !utc; k++) {
      this.offStart[k] = zoneOffsetMs(this.starts[k] ?? outOfBounds(), tz);
      this.offEnd[k] = zoneOffsetMs((this.starts[k + 1] ?? outOfBounds()) - 1, tz);
    }
    let uniform = true;
    for (let k = 0; k < n && uniform; k++)
      uniform = (this.starts[k + 1] ?? outOfBounds()) - (this.starts[k] ?? outOfBounds()) === DAY_MS;
    this.uniform = uniform;
  }

  get days(): number {
    return this.dates.length;
  }

  get startMs(): number {
    return this.starts[0] ?? outOfBounds();
  }

  get endMs(): number {
    return this.starts[this.dates.length] ?? outOfBounds();
  }

  /** day index of an instant, or -1 outside the calendar */
  dayIndex(t: number): number {
    const s = this.starts;
    const n = this.dates.length;
    const first = s[0] ?? outOfBounds();
    if (!(t >= first && t < (s[n] ?? outOfBounds()))) return -1;
    if (this.uniform) {
      // days of 24 hours, each start a whole number of days after the first: the quotient is the
      // binary search's answer
      return Math.min(n - 1, bucketOf(t - first, DAY_MS, INVERSE_DAY));
    }
    let lo = 0;
    let hi = n;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((s[mid] ?? outOfBounds()) <= t) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /**
   * dayIndex for a user's events in time order: `hint` is the previous event's day, so the usual
   * answer (same day or the next) costs two comparisons instead of a binary search.
   */
  dayNear(t: number, hint: number): number {
    const s = this.starts;
    if (hint >= 0 && t >= (s[hint] ?? outOfBounds())) {
      if (t < (s[hint + 1] ?? outOfBounds())) return hint;
      if (hint + 2 <= this.dates.length && t < (s[hint + 2] ?? outOfBounds())) return hint + 1;
    }
    return this.dayIndex(t);
  }

  indexOfDate(date: string): number {
    return daysBetween(this.dates[0] ?? outOfBounds(), date);
  }

  /** local hour 0-23 of an instant on day k (dayIndex or dayNear of it; another day costs a remainder) */
  hour(t: number, k: number): number {
    let off = this.offStart[k] ?? outOfBounds();
    if (off === this.offEnd[k]) {
      // a day without a shift: its hours are whole hours from its local midnight (when t is in it)
      const h = Math.floor((t - (this.starts[k] ?? outOfBounds())) / HOUR_MS);
      if (h >= 0 && h < 24) return h;
    } else if (zoneOffsetMs(t, this.tz) !== off) off = this.offEnd[k] ?? outOfBounds();
    const local = t + off;
    return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
  }

  /** whether day k's UTC offset changes during the day (a DST day) */
  shifts(k: number): boolean {
    return this.offStart[k] !== this.offEnd[k];
  }

  weekday(k: number): number {
    return weekdayOf(this.dates[k] ?? outOfBounds());
  }
}

/** Periods of an interval over a calendar's days: period starts, and each day's period index. */
export function periodsOf(
  cal: Calendar,
  interval: Interval,
  weekStart: WeekStart,
): { starts: string[]; ofDay: Int32Array } {
  const starts: string[] = [];
  const ofDay = new Int32Array(cal.days);
  let cur = "";
  for (let k = 0; k < cal.days; k++) {
    const p = periodStart(cal.dates[k] ?? outOfBounds(), interval, weekStart);
    if (p !== cur) {
      starts.push(p);
      cur = p;
    }
    ofDay[k] = starts.length - 1;
  }
  return { starts, ofDay };
}

/** Each period's end: the first instant after its last day (an event before it is in that period or an earlier one). */
export function periodEnds(cal: Calendar, ofDay: Int32Array, periods: number): Float64Array {
  const ends = new Float64Array(periods);
  for (let day = 0; day < cal.days; day++)
    ends[ofDay[day] ?? outOfBounds()] = cal.starts[day + 1] ?? outOfBounds();
  return ends;
}

/** The span of whole periods covering a range: from the start of range.from's period to the end of range.to's. */
export function periodSpan(
  r: { from: string; to: string },
  interval: Interval,
  weekStart: WeekStart,
): { from: string; to: string } {
  const from = periodStart(r.from, interval, weekStart);
  const to = addDays(nextPeriod(periodStart(r.to, interval, weekStart), interval), -1);
  return { from, to };
}
