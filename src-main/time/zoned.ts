import { utcMs } from "./bounds.ts";

// Calendar dates of instants in an IANA timezone. Intl formatters are costly to build, so one is
// kept per zone.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone: tz,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(tz, f);
  }
  return f;
}

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function zonedParts(ms: number, tz: string): ZonedParts {
  // UTC needs no zone data: building the first Intl formatter loads ICU's (~25 ms in every process
  // and query worker, for the as-of day alone). Years outside 1..9999 keep Intl's own rendering.
  if (tz === "UTC") {
    const date = new Date(ms);
    const year = date.getUTCFullYear();
    if (year >= 1 && year <= 9999)
      return {
        year,
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour: date.getUTCHours(),
        minute: date.getUTCMinutes(),
        second: date.getUTCSeconds(),
      };
  }
  const parts: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(new Date(ms))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** The calendar date (YYYY-MM-DD) of an instant in a timezone. */
export function dateInZone(ms: number, tz: string): string {
  const p = zonedParts(ms, tz);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

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
