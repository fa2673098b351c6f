import { outOfBounds } from "../engine/typed-index.ts";
import { utcMs } from "../time/bounds.ts";
import { zonedTimeToUtc } from "../time/zoned.ts";

// Turns the time column's values into ms since the epoch (UTC). NaN means "cannot read this one".
// Times without an offset are wall-clock times in the chosen zone; the zone's offset is looked up
// once per wall-clock hour (Intl is far too slow to ask per row).

export type TimeParser = (v: unknown) => number;

const HOUR = 3_600_000;

export function wallClock(
  tz: string,
): (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) => number {
  if (tz === "UTC" || tz === "Etc/UTC") return (y, mo, d, h, mi, s, ms) => utcMs(y, mo - 1, d, h, mi, s, ms);
  const offsets = new Map<number, number>();
  return (y, mo, d, h, mi, s, ms) => {
    const wall = utcMs(y, mo - 1, d, h, mi, s, ms);
    const hourKey = wall - (((wall % HOUR) + HOUR) % HOUR);
    let off = offsets.get(hourKey);
    if (off === undefined) {
      const hd = new Date(hourKey);
      off =
        hourKey -
        zonedTimeToUtc(
          hd.getUTCFullYear(),
          hd.getUTCMonth() + 1,
          hd.getUTCDate(),
          hd.getUTCHours(),
          0,
          0,
          0,
          tz,
        );
      offsets.set(hourKey, off);
    }
    return wall - off;
  };
}

/** Epoch seconds, ms, us or ns, told apart by magnitude (1e11 s is the year 5138). */
export function epochMs(n: number): number {
  const a = Math.abs(n);
  if (a < 1e11) return Math.round(n * 1000);
  if (a < 1e14) return Math.round(n);
  if (a < 1e17) return Math.round(n / 1000);
  return Math.round(n / 1e6);
}

/**
 * The span a number read as an epoch time must land in: 1990-01-01 to 2100-01-01 UTC. A number
 * outside it is not silently stored (a CleverTap `ts` 20240630153000 read as ms is the year 2611).
 */
export const PLAUSIBLE_FROM = Date.UTC(1990, 0, 1);
export const PLAUSIBLE_TO = Date.UTC(2100, 0, 1);

/**
 * A whole number whose digits spell a date: YYYYMMDD, YYYYMMDDHHmm or YYYYMMDDHHmmss (UTC wall
 * clock unless `wall` says otherwise), in the plausible span; else NaN.
 */
type Wall = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) => number;
const utcWall: Wall = (y, mo, d, h, mi, s, ms) => Date.UTC(y, mo - 1, d, h, mi, s, ms);

export function digitDate(n: number, wall: Wall = utcWall): number {
  if (!Number.isSafeInteger(n) || n <= 0) return Number.NaN;
  const s = String(n);
  if (s.length !== 8 && s.length !== 12 && s.length !== 14) return Number.NaN;
  const y = Number(s.slice(0, 4));
  const mo = Number(s.slice(4, 6));
  const d = Number(s.slice(6, 8));
  const h = s.length > 8 ? Number(s.slice(8, 10)) : 0;
  const mi = s.length > 8 ? Number(s.slice(10, 12)) : 0;
  const sec = s.length > 12 ? Number(s.slice(12, 14)) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return Number.NaN;
  // 31 February is not a date: the day must survive the round trip
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return Number.NaN;
  const t = wall(y, mo, d, h, mi, sec, 0);
  return t >= PLAUSIBLE_FROM && t < PLAUSIBLE_TO ? t : Number.NaN;
}

/**
 * A number as a time: epoch s/ms/us/ns by magnitude when that lands in the plausible span, else
 * a date spelled in digits (YYYYMMDD[HHmm[ss]]), else NaN (the row is reported, never stored).
 */
export function numberTime(n: number, wall?: Wall): number {
  if (!Number.isFinite(n)) return Number.NaN;
  const t = epochMs(n);
  if (t >= PLAUSIBLE_FROM && t < PLAUSIBLE_TO) return t;
  return digitDate(n, wall);
}

const digit = (c: number) => c >= 48 && c <= 57;

function num(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k);
    if (!digit(c)) return -1;
    v = v * 10 + c - 48;
  }
  return v;
}

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
function fixedIsoZ(text: string): number {
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

/** ISO 8601 (and the common "YYYY-MM-DD HH:MM:SS[.fff][ UTC|Z|+hh:mm]"), parsed by hand. */
export function isoParser(tz: string): (s: string) => number {
  const wall = wallClock(tz);
  return (text) => {
    const len = text.length;
    if (len === 24) {
      const time = fixedIsoZ(text);
      if (!Number.isNaN(time)) return time;
    }
    if (len < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
    const year = num(text, 0, 4);
    const month = num(text, 5, 2);
    const day = num(text, 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return Number.NaN;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let ms = 0;
    let i = 10;
    if (
      i < len &&
      (text.charCodeAt(i) === 84 || text.charCodeAt(i) === 32) &&
      digit(text.charCodeAt(i + 1))
    ) {
      hour = num(text, i + 1, 2);
      if (text.charCodeAt(i + 3) !== 58) return Number.NaN;
      minute = num(text, i + 4, 2);
      if (hour < 0 || hour > 24 || minute < 0 || minute > 59) return Number.NaN;
      i += 6;
      if (text.charCodeAt(i) === 58) {
        second = num(text, i + 1, 2);
        if (second < 0 || second > 60) return Number.NaN;
        i += 3;
        if (text.charCodeAt(i) === 46 || text.charCodeAt(i) === 44) {
          i++;
          let scale = 100;
          while (i < len && digit(text.charCodeAt(i))) {
            ms += (text.charCodeAt(i) - 48) * scale;
            scale /= 10;
            i++;
          }
          ms = Math.floor(ms);
        }
      }
    }
    while (i < len && text.charCodeAt(i) === 32) i++;
    if (i >= len) return wall(year, month, day, hour, minute, second, ms);
    // the common "...Z" without making a string for it
    if (i === len - 1 && (text.charCodeAt(i) === 90 || text.charCodeAt(i) === 122))
      return utcMs(year, month - 1, day, hour, minute, second, ms);
    const rest = text.slice(i);
    let off = 0;
    if (rest === "Z" || rest === "UTC" || rest === "GMT" || rest === "z") off = 0;
    else {
      const zone = /^([+-])(\d{2}):?(\d{2})?$/.exec(rest);
      if (!zone) return Number.NaN;
      off = (zone[1] === "-" ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3] ?? 0)) * 60_000;
    }
    return utcMs(year, month - 1, day, hour, minute, second, ms) - off;
  };
}

const TOKENS = /YYYY|YY|MM|M|DD|D|HH|H|hh|h|mm|m|ss|s|SSS|A|a|Z/g;

/** A `--time-format` pattern such as `M/D/YYYY H:mm`, `DD.MM.YYYY HH:mm:ss` or `YYYYMMDD`. */
export function patternParser(format: string, tz: string): (s: string) => number {
  const wall = wallClock(tz);
  const roles: string[] = [];
  let re = "^\\s*";
  let last = 0;
  for (const tokenMatch of format.matchAll(TOKENS)) {
    re += format.slice(last, tokenMatch.index).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const token = tokenMatch[0];
    roles.push(token);
    if (token === "YYYY") re += "(\\d{4})";
    else if (token === "SSS") re += "(\\d{1,6})";
    else if (token === "A" || token === "a") re += "([AaPp][Mm])";
    else if (token === "Z") re += "(Z|[+-]\\d{2}:?\\d{2})";
    else if (token.length === 2) re += "(\\d{2})";
    else re += "(\\d{1,2})";
    last = tokenMatch.index + token.length;
  }
  re += `${format.slice(last).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`;
  const rx = new RegExp(re);
  return (text) => {
    const match = rx.exec(text);
    if (!match) return Number.NaN;
    let year = 1970;
    let month = 1;
    let day = 1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let ms = 0;
    let pm: boolean | null = null;
    let off: number | null = null;
    roles.forEach((r, k) => {
      const v = match[k + 1] ?? outOfBounds();
      const n = Number(v);
      if (r === "YYYY") year = n;
      else if (r === "YY") year = n < 70 ? 2000 + n : 1900 + n;
      else if (r === "MM" || r === "M") month = n;
      else if (r === "DD" || r === "D") day = n;
      else if (r === "HH" || r === "H" || r === "hh" || r === "h") hour = n;
      else if (r === "mm" || r === "m") minute = n;
      else if (r === "ss" || r === "s") second = n;
      else if (r === "SSS") ms = Math.floor(Number(`0.${v}`) * 1000);
      else if (r === "A" || r === "a") pm = v.toLowerCase() === "pm";
      else if (r === "Z") {
        const z = /^([+-])(\d{2}):?(\d{2})$/.exec(v);
        off = z ? (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60_000 : 0;
      }
    });
    if (pm !== null) hour = (hour % 12) + (pm ? 12 : 0);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60)
      return Number.NaN;
    if (off !== null) return utcMs(year, month - 1, day, hour, minute, second, ms) - off;
    return wall(year, month, day, hour, minute, second, ms);
  };
}

/**
 * `numbers`: what a JSON number means. For ISO it is an epoch time (JSON exports write both); for
 * a pattern the number's digits are read with the pattern, so `--time-format YYYYMMDDHHmmss`
 * reads 20240630153000 as 30 June 2024 and never as epoch ms.
 */
function fromString(parse: (s: string) => number, numbers: "epoch" | "pattern", tz: string): TimeParser {
  const wall = wallClock(tz);
  return (v) => {
    if (typeof v === "string") {
      const last = v.length - 1;
      // trim() scans and may copy; most values have nothing to trim
      return parse(v.charCodeAt(0) > 32 && v.charCodeAt(last) > 32 ? v : v.trim());
    }
    if (typeof v === "number") {
      if (numbers === "epoch") return numberTime(v, wall);
      return Number.isSafeInteger(v) ? parse(String(v)) : Number.NaN;
    }
    return Number.NaN;
  };
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Numbers (or numeric strings) as times; digit dates are wall-clock times in `tz`. */
export function epochParser(tz = "UTC"): TimeParser {
  const wall = wallClock(tz);
  return (v) => {
    if (typeof v === "number") return numberTime(v, wall);
    if (typeof v === "string" && NUMERIC.test(v)) return numberTime(Number(v), wall);
    return Number.NaN;
  };
}

export interface DetectedTime {
  parser: TimeParser;
  /** what was chosen, for the preview: "iso", "epoch" or the pattern */
  format: string;
}

/** A parser for one named format: "iso", "epoch" or a pattern. */
export function timeParserFor(format: string, tz: string): TimeParser {
  if (format === "iso") return fromString(isoParser(tz), "epoch", tz);
  if (format === "epoch") return epochParser(tz);
  return fromString(patternParser(format, tz), "pattern", tz);
}

const CANDIDATE_PATTERNS = [
  "M/D/YYYY H:mm:ss",
  "M/D/YYYY H:mm",
  "M/D/YYYY",
  "D/M/YYYY H:mm:ss",
  "D/M/YYYY H:mm",
  "D/M/YYYY",
  "D.M.YYYY H:mm:ss",
  "D.M.YYYY H:mm",
  "D.M.YYYY",
  "YYYY/MM/DD HH:mm:ss",
  "YYYY/MM/DD",
  "M/D/YYYY h:mm:ss A",
  "M/D/YYYY h:mm A",
];

/** Picks the format that reads every sampled value (or the most of them); null when none reads any. */
export function detectTimeFormat(samples: unknown[], tz: string): DetectedTime | null {
  const values = samples.filter((v) => v !== null && v !== undefined && v !== "");
  if (values.length === 0) {
    // nothing to learn from (a header-only sample): ISO, else epoch, per value
    const iso = timeParserFor("iso", tz);
    const epoch = epochParser(tz);
    return { parser: (v) => (Number.isNaN(iso(v)) ? epoch(v) : iso(v)), format: "iso" };
  }
  const ok = (p: TimeParser) => values.reduce<number>((n, v) => n + (Number.isNaN(p(v)) ? 0 : 1), 0);
  const ymd = /^\d{8}$/;
  if (values.every((v) => typeof v === "string" && ymd.test(v))) {
    const ymdParser = timeParserFor("YYYYMMDD", tz);
    if (ok(ymdParser) === values.length && values.every((v) => Number(String(v).slice(0, 4)) > 1900)) {
      return { parser: ymdParser, format: "YYYYMMDD" };
    }
  }
  let best: DetectedTime | null = null;
  let bestN = 0;
  for (const format of ["iso", "epoch", ...CANDIDATE_PATTERNS]) {
    const parser = timeParserFor(format, tz);
    const parsed = ok(parser);
    if (parsed > bestN) {
      best = { parser, format };
      bestN = parsed;
      if (parsed === values.length) break;
    }
  }
  if (best) return best;
  // Last resort: what the JS Date reads (RFC 2822 and friends); they carry their own offset.
  // never for bare numbers: Date.parse("1") is 2001-01-01
  const dateParse: TimeParser = (v) =>
    typeof v === "string" && !NUMERIC.test(v.trim()) ? Date.parse(v) : Number.NaN;
  return ok(dateParse) > 0 ? { parser: dateParse, format: "date" } : null;
}
