import { zoneOffsetMs } from "../time/zoned.ts";
import { cdf, type Rng } from "./rng.ts";

// The demo's clock. The window is fixed (never "today") so that a seed always gives the same file.
// Users live in local time: a day index d is a calendar day in the user's zone, and a local
// wall-clock instant is turned into UTC with that zone's offset on that day.

export const DAY_MS = 86_400_000;
export const DAYS = 120;
/** First day of the window: 2026-07-04; the last is 2026-10-31. */
export const START_MS = Date.UTC(2026, 6, 4);
/** 2026-10-31 23:59:59.999 UTC: nothing is written after it. */
export const END_MS = START_MS + DAYS * DAY_MS - 1;

/** Day index of a campaign date (YYYY-MM-DD) inside the window. */
export function dayOf(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - START_MS) / DAY_MS);
}

/** Day of week of day index d: 0 Monday .. 6 Sunday (the window starts on a Saturday). */
export function weekday(d: number): number {
  return (((d + 5) % 7) + 7) % 7;
}

// Shoppers browse more at the weekend, less early in the week.
const WEEKDAY_FACTOR = [0.94, 0.9, 0.93, 0.98, 1.02, 1.1, 1.16];

export function weekdayFactor(d: number): number {
  return WEEKDAY_FACTOR[weekday(d)] ?? 1;
}

// Local hour of a session: quiet at night, a lunch bump, a long evening peak.
const HOURS = cdf([
  0.7, 0.35, 0.2, 0.15, 0.15, 0.3, 0.8, 1.6, 2.2, 2.4, 2.5, 2.7, 3.3, 3.1, 2.7, 2.6, 2.8, 3.2, 3.8, 4.4, 4.8,
  4.4, 3.2, 1.6,
]);

/** A local wall-clock instant on day d (ms since START_MS as if local time were UTC). */
export function localTimeOn(rng: Rng, d: number): number {
  const hour = rng.weighted(HOURS);
  return d * DAY_MS + hour * 3_600_000 + rng.int(3_600_000);
}

/** Offsets of each zone, one per window day (taken at local noon), so no Intl call per event. */
export class Clock {
  private readonly offsets = new Map<string, Float64Array>();

  offsetTable(tz: string): Float64Array {
    let t = this.offsets.get(tz);
    if (!t) {
      t = new Float64Array(DAYS + 2);
      for (let d = -1; d <= DAYS; d++) t[d + 1] = zoneOffsetMs(START_MS + d * DAY_MS + DAY_MS / 2, tz);
      this.offsets.set(tz, t);
    }
    return t;
  }

  /** UTC ms of a local instant (see localTimeOn) in the zone whose table is `offsets`. */
  static toUtc(local: number, offsets: Float64Array): number {
    const d = Math.min(DAYS, Math.max(-1, Math.floor(local / DAY_MS)));
    return START_MS + local - (offsets[d + 1] ?? 0);
  }
}
