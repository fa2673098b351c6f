import { isIanaTimezone } from "../../../src-preload/contract/plain-checks.ts";
import { startOfDate } from "../../time/zoned.ts";
import { addDays } from "../calendar.ts";
import { TAG_STRING, type Timeline } from "../columns/types.ts";
import { checkAbort, type EngineContext } from "../context.ts";
import { Calendar } from "../metrics/calendar.ts";
import { outOfBounds } from "../typed-index.ts";

// Best send hour and weekday per spec/queries.md v1.1: over the 90 days up to the as-of day (days
// of the query's timezone), for each local hour the number of distinct local days on which the
// user had an event in that hour, in the user's own `timezone` attribute when it is a valid IANA
// name, else in the query's timezone. Most days wins, the earliest hour on a tie; a user without
// events in those days gets the hour that wins over all users (the sum of every user's day counts).
// Weekdays (1 = Monday ... 7 = Sunday) likewise count distinct local days per weekday.

export const WINDOW_DAYS = 90;
export const TIMEZONE_ATTRIBUTE = "timezone";

export interface SendTimes {
  /** best local hour 0-23 of each user index */
  hour: Uint8Array;
  /** best ISO weekday 1-7 of each user index */
  weekday: Uint8Array;
  /** 1 for users without events in the window (they got the global winners) */
  fallback: Uint8Array;
  globalHour: number;
  globalWeekday: number;
  /** the window's first and last day, in the query's timezone */
  from: string;
  to: string;
}

const cache = new WeakMap<Timeline, Map<string, SendTimes>>();

/** index of the largest value, the first one on a tie */
function argmax(a: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if ((a[i] ?? outOfBounds()) > (a[best] ?? outOfBounds())) best = i;
  return best;
}

/**
 * The slot with the most days among the `n` in `seen` (the earliest slot on a tie), as argmax over
 * all slots would find it, untouched ones being 0; adds the counts to `totals` and clears them.
 */
function bestOfSeen(seen: Int32Array, n: number, counts: Int32Array, totals: Float64Array): number {
  let best = -1;
  let most = 0;
  for (let i = 0; i < n; i++) {
    const slot = seen[i] ?? outOfBounds();
    const c = counts[slot] ?? outOfBounds();
    if (c > most || (c === most && slot < best)) {
      best = slot;
      most = c;
    }
    totals[slot] = (totals[slot] ?? outOfBounds()) + c;
    counts[slot] = 0;
  }
  return best;
}

/** The zone each user's clock is read in: an index into `zones`. */
function userZones(tl: Timeline, fallbackTz: string): { zones: string[]; zoneOf: Uint16Array } {
  const zones = [fallbackTz];
  // a workspace without a timezone attribute reads every clock in the query's zone (asking for the
  // column would be refused as an unknown property)
  if (!tl.hasProperty("user", TIMEZONE_ATTRIBUTE)) return { zones, zoneOf: new Uint16Array(tl.nUsers) };
  const col = tl.userColumn(TIMEZONE_ATTRIBUTE);
  const slotOfDict = new Int32Array(col.dict.length);
  col.dict.forEach((name, k) => {
    if (!isIanaTimezone(name)) return;
    let z = zones.indexOf(name);
    if (z < 0) {
      zones.push(name);
      z = zones.length - 1;
    }
    slotOfDict[k] = z;
  });
  const zoneOf = new Uint16Array(tl.nUsers);
  for (let u = 0; u < tl.nUsers; u++) {
    if (col.tag[u] === TAG_STRING) zoneOf[u] = slotOfDict[col.str[u] ?? outOfBounds()] ?? outOfBounds();
  }
  return { zones, zoneOf };
}

export function sendTimes(ctx: EngineContext): SendTimes {
  const { tl, timezone, asOf } = ctx;
  const key = `${timezone}|${asOf}`;
  let byKey = cache.get(tl);
  if (!byKey) {
    byKey = new Map();
    cache.set(tl, byKey);
  }
  const hit = byKey.get(key);
  if (hit) return hit;

  const from = addDays(asOf, -(WINDOW_DAYS - 1));
  const start = startOfDate(from, timezone);
  const end = startOfDate(addDays(asOf, 1), timezone);
  const { zones, zoneOf } = userZones(tl, timezone);
  // a user's local dates can be a day either side of the window's dates (zones up to +-14 h)
  const cals = zones.map((z) => new Calendar(addDays(from, -2), addDays(asOf, 2), z));
  const weekdayOfDay = cals.map((c) => Uint8Array.from(c.dates, (_, k) => c.weekday(k)));

  const hour = new Uint8Array(tl.nUsers);
  const weekday = new Uint8Array(tl.nUsers);
  const fallback = new Uint8Array(tl.nUsers);
  const hourTotals = new Float64Array(24);
  const weekdayTotals = new Float64Array(7);
  // a user's counts, and the hours and weekdays the user touched: only those are read and cleared
  // after the user (clearing all 55 slots for each of a million users took a fifth of the query)
  const daysAtHour = new Int32Array(24);
  const daysOnWeekday = new Int32Array(7);
  const lastDayOfHour = new Int32Array(24).fill(-1);
  const hoursSeen = new Int32Array(24);
  const weekdaysSeen = new Int32Array(7);
  for (let user = 0; user < tl.nUsers; user++) {
    checkAbort(ctx, user);
    const zone = zoneOf[user] ?? outOfBounds();
    const cal = cals[zone] ?? outOfBounds();
    const weekdays = weekdayOfDay[zone] ?? outOfBounds();
    const userEnd = tl.userOffsets[user + 1] ?? outOfBounds();
    let pos = tl.userOffsets[user] ?? outOfBounds();
    while (pos < userEnd && (tl.times[pos] ?? outOfBounds()) < start) pos++;
    let nHours = 0;
    let nWeekdays = 0;
    let day = -1;
    let lastDay = -1;
    for (; pos < userEnd; pos++) {
      const time = tl.times[pos] ?? outOfBounds();
      if (time >= end) break;
      day = cal.dayNear(time, day);
      const hr = cal.hour(time, day);
      const before = lastDayOfHour[hr] ?? outOfBounds();
      if (before !== day) {
        if (before < 0) hoursSeen[nHours++] = hr;
        lastDayOfHour[hr] = day;
        daysAtHour[hr] = (daysAtHour[hr] ?? outOfBounds()) + 1;
      }
      if (day !== lastDay) {
        lastDay = day;
        const wd = weekdays[day] ?? outOfBounds();
        if (daysOnWeekday[wd] === 0) weekdaysSeen[nWeekdays++] = wd;
        daysOnWeekday[wd] = (daysOnWeekday[wd] ?? outOfBounds()) + 1;
      }
    }
    if (nHours === 0) {
      fallback[user] = 1;
      continue;
    }
    hour[user] = bestOfSeen(hoursSeen, nHours, daysAtHour, hourTotals);
    for (let i = 0; i < nHours; i++) lastDayOfHour[hoursSeen[i] ?? outOfBounds()] = -1;
    weekday[user] = bestOfSeen(weekdaysSeen, nWeekdays, daysOnWeekday, weekdayTotals) + 1;
  }
  const globalHour = argmax(hourTotals);
  const globalWeekday = argmax(weekdayTotals) + 1;
  for (let user = 0; user < tl.nUsers; user++) {
    if (fallback[user] === 1) {
      hour[user] = globalHour;
      weekday[user] = globalWeekday;
    }
  }
  const out: SendTimes = { hour, weekday, fallback, globalHour, globalWeekday, from, to: asOf };
  byKey.set(key, out);
  return out;
}
