import { wallClock } from "./wall-clock.ts";

// The time column's last resort: what the JS Date reads ("Jan 5, 2024, 10:00:00 AM",
// "05-Jan-2024 10:00", RFC 2822). Date.parse reads a time that names no zone in the MACHINE's zone,
// so the same file gave other times on another laptop and shares stopped reproducing. A time that
// names a zone keeps Date.parse's instant; one that does not is a wall-clock time in the
// workspace's zone, like every other time without an offset.

/** The words V8's date parser takes for a zone (its keyword table), once a number has been read. */
const ZONE_WORDS = new Set(["z", "ut", "utc", "gmt", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt"]);
/** A word as V8 cuts one: a run of characters from "A" up (digits, spaces and punctuation end it). */
const WORD = /[^\0-@]+/g;
/** The first time of day: from there on V8 reads a sign as the start of an offset. */
const TIME_OF_DAY = /\d+:\d+(?::\d+)?(?:\.\d+)?/;
/** After the time: "+" anywhere, or a "-" that does not follow a date's number (that one only separates). */
const OFFSET_SIGN = /\+|(?:^|\D)-/;

/** The text without the parenthesized comments Date.parse skips (an unclosed one runs to the end). */
export function withoutComments(text: string): string {
  if (!text.includes("(")) return text;
  let out = "";
  let depth = 0;
  for (const c of text) {
    if (c === "(") depth++;
    else if (c === ")" && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

/**
 * Whether Date.parse reads a zone or an offset in the text (comments removed): a zone word (`Z`,
 * `UTC`, `GMT`, `EST`...) after a number, or a sign after the time of day (`+0100`, `-08:00`,
 * `GMT+2`). A date-only ISO form (`2024-01`) names no zone, although Date.parse reads it as UTC.
 */
export function namesZone(text: string): boolean {
  for (const word of text.matchAll(WORD))
    if (ZONE_WORDS.has(word[0].toLowerCase()) && /\d/.test(text.slice(0, word.index))) return true;
  const time = TIME_OF_DAY.exec(text);
  return time !== null && OFFSET_SIGN.test(text.slice(time.index + time[0].length));
}

/** Date.parse, with a time that names no zone read as a wall-clock time in `tz`. */
export function dateParseReader(tz: string): (text: string) => number {
  const wall = wallClock(tz);
  return (text) => {
    const instant = Date.parse(text);
    if (Number.isNaN(instant)) return instant;
    const bare = withoutComments(text);
    if (namesZone(bare)) return instant;
    // Read as GMT, the fields are the text's own (read in the machine's zone, a time in that zone's
    // DST gap moves by an hour). ISO-like forms (2024-01T10:00) take a "Z" where others take a word.
    let asGmt = Date.parse(`${bare} GMT`);
    if (Number.isNaN(asGmt)) asGmt = Date.parse(`${bare}Z`);
    if (Number.isNaN(asGmt)) return asGmt;
    const fields = new Date(asGmt);
    return wall(
      fields.getUTCFullYear(),
      fields.getUTCMonth() + 1,
      fields.getUTCDate(),
      fields.getUTCHours(),
      fields.getUTCMinutes(),
      fields.getUTCSeconds(),
      fields.getUTCMilliseconds(),
    );
  };
}
