import { dateParseReader } from "./date-parse.ts";
import { isoParser } from "./iso-parser.ts";
import { numberTime } from "./number-time.ts";
import { patternParser } from "./pattern-parser.ts";
import { wallClock } from "./wall-clock.ts";

// Turns the time column's values into ms since the epoch (UTC). NaN means "cannot read this one".
// Times without an offset are wall-clock times in the chosen zone (wall-clock.ts). Each layout is
// read in its own file; this one names the formats, detects a column's and applies it to any value.

export type TimeParser = (v: unknown) => number;

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
  "YYYY/MM/DD HH:mm",
  "YYYY/MM/DD",
  "M/D/YYYY h:mm:ss A",
  "M/D/YYYY h:mm A",
  "D/M/YYYY h:mm:ss A",
  "D/M/YYYY h:mm A",
];

/** The day-first twin of each month-first pattern (a 12-hour clock is no sign of either order). */
const DAY_FIRST = new Map([
  ["M/D/YYYY H:mm:ss", "D/M/YYYY H:mm:ss"],
  ["M/D/YYYY H:mm", "D/M/YYYY H:mm"],
  ["M/D/YYYY", "D/M/YYYY"],
  ["M/D/YYYY h:mm:ss A", "D/M/YYYY h:mm:ss A"],
  ["M/D/YYYY h:mm A", "D/M/YYYY h:mm A"],
]);

/**
 * The sampled times read as well month-first as day-first: no part above 12 says which. The rows
 * after the sample (a stream cannot look ahead) would be read in a guessed order, 01/03 as
 * 3 January in a file of 1 March, or skipped once a 13 comes: the order must be given.
 */
export class AmbiguousDayMonth extends Error {
  readonly monthFirst: string;
  readonly dayFirst: string;
  /** a sampled value the two orders read as different days (the first one when every day is its own month) */
  readonly example: string;
  constructor(monthFirst: string, dayFirst: string, example: string) {
    super(`"${example}" reads both as ${monthFirst} and as ${dayFirst}`);
    this.monthFirst = monthFirst;
    this.dayFirst = dayFirst;
    this.example = example;
  }
}

/**
 * Picks the format that reads every sampled value (or the most of them); null when none reads any.
 * Throws AmbiguousDayMonth when a month-first pattern wins and its day-first twin reads as many.
 */
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
  const dayFirst = best && DAY_FIRST.get(best.format);
  if (best && dayFirst) {
    const twin = timeParserFor(dayFirst, tz);
    if (ok(twin) === bestN) {
      const monthFirst = best.parser;
      const example = values.find((v) => monthFirst(v) !== twin(v)) ?? values[0];
      throw new AmbiguousDayMonth(best.format, dayFirst, String(example));
    }
  }
  if (best) return best;
  // Last resort: what the JS Date reads (RFC 2822 and friends; date-parse.ts), never for bare
  // numbers: Date.parse("1") is 2001-01-01
  const readDate = dateParseReader(tz);
  const dateParse: TimeParser = (v) =>
    typeof v === "string" && !NUMERIC.test(v.trim()) ? readDate(v) : Number.NaN;
  return ok(dateParse) > 0 ? { parser: dateParse, format: "date" } : null;
}
