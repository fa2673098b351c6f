import { zonedParts } from "../../src-preload/contract/zoned-day.ts";
import { utcMs } from "./bounds.ts";

// Calendar arithmetic in an IANA timezone. The calendar date of an instant lives in the contract, so
// that the renderer works out the same days as the engine (src-preload/contract/as-of.ts).

export { dateInZone, type ZonedParts, zonedParts } from "../../src-preload/contract/zoned-day.ts";

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
export function zoneOffsetMs(ms: number, tz: string): number {
  const p = zonedParts(ms, tz);
  const asUtc = utcMs(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant at which a wall-clock time happens in a zone. For a time skipped by a DST jump it
 * gives the instant just after the gap, as far past the jump as the time was past its start (so a
 * day whose midnight is skipped starts at 01:00); for a repeated one, the instant of whichever
 * offset the iteration settles on (the later one for Berlin's 02:30 in October, the first of a
 * repeated midnight for the Azores', as a day must start; test/main/engine/zoned-day-start.test.ts).
 */
export function zonedTimeToUtc(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millis = 0,
  tz = "UTC",
): number {
  const wall = utcMs(year, month - 1, day, hour, minute, second, millis);
  let guess = wall - zoneOffsetMs(wall, tz);
  const off2 = zoneOffsetMs(guess, tz);
  guess = wall - off2;
  const off3 = zoneOffsetMs(guess, tz);
  if (off3 !== off2) guess = wall - Math.min(off2, off3);
  return guess;
}

/** Midnight at the start of a calendar date in a zone. */
export function startOfDate(date: string, tz: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return zonedTimeToUtc(y, m, d, 0, 0, 0, 0, tz);
}
