import { outOfBounds } from "../engine/typed-index.ts";

// The fast path for the one time layout exports write most (toISOString's), read by character codes
// from a string (isoParser) or straight from the file's bytes (ByteRowEncoder); NaN sends a value to
// isoParser's general path.

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). Linear in
 * the day, so an overflowing day rolls into the next month the way Date.UTC does.
 */
function daysFromCivil(y: number, mo: number, d: number): number {
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Two digits at i, or -1. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The layout exports write most, "YYYY-MM-DDTHH:MM:SS.sssZ" (JavaScript's toISOString), read by
 * character codes with no call into Date: a fifth of the time of the general path. NaN when the
 * value does not have exactly this layout (the general path then decides).
 */
export function fixedIsoZ(text: string): number {
  if (
    text.charCodeAt(23) !== 90 ||
    text.charCodeAt(19) !== 46 ||
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(4) !== 45
  )
    return Number.NaN;
  const y1 = two(text, 0);
  const y2 = two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  const second = two(text, 17);
  const ms1 = two(text, 20);
  const ms2 = text.charCodeAt(22) - 48;
  return isoZFields(y1, y2, month, day, hour, minute, second, ms1, ms2);
}

/**
 * The instant of fixedIsoZ's fields (two-digit pairs, -1 where a pair was not digits), or NaN when
 * one is out of range: one check for the string and the byte readers.
 */
function isoZFields(
  y1: number,
  y2: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms1: number,
  ms2: number,
): number {
  // years before 1000 go the general way (the general way reads 0-99 as themselves)
  if (y1 < 10 || y2 < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 24)
    return Number.NaN;
  if (minute < 0 || minute > 59 || second < 0 || second > 60 || ms1 < 0 || ms2 < 0 || ms2 > 9)
    return Number.NaN;
  const days = daysFromCivil(y1 * 100 + y2, month, day);
  return days * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms1 * 10 + ms2;
}

/** Two digits at b[i], or -1. */
function twoAt(b: Uint8Array, i: number): number {
  const x = (b[i] ?? outOfBounds()) - 48;
  const y = (b[i + 1] ?? outOfBounds()) - 48;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : -1;
}

/**
 * fixedIsoZ on the 24 bytes at bytes[start]: the byte import reads most times this way, without
 * making a string of them (a string per row was a sixth of its parsing time). Kept in step with
 * fixedIsoZ by a property test; NaN sends the value the general way.
 */
export function fixedIsoZBytes(bytes: Uint8Array, start: number): number {
  if (
    bytes[start + 23] !== 90 ||
    bytes[start + 19] !== 46 ||
    bytes[start + 16] !== 58 ||
    bytes[start + 13] !== 58 ||
    bytes[start + 10] !== 84 ||
    bytes[start + 7] !== 45 ||
    bytes[start + 4] !== 45
  )
    return Number.NaN;
  const y1 = twoAt(bytes, start);
  const y2 = twoAt(bytes, start + 2);
  const month = twoAt(bytes, start + 5);
  const day = twoAt(bytes, start + 8);
  const hour = twoAt(bytes, start + 11);
  const minute = twoAt(bytes, start + 14);
  const second = twoAt(bytes, start + 17);
  const ms1 = twoAt(bytes, start + 20);
  const ms2 = (bytes[start + 22] ?? outOfBounds()) - 48;
  return isoZFields(y1, y2, month, day, hour, minute, second, ms1, ms2);
}
