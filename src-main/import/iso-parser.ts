import { utcMs } from "../time/bounds.ts";
import { fixedIsoZ } from "./fixed-iso-z.ts";
import { wallClock } from "./wall-clock.ts";

// ISO 8601 text as a time, read by hand character by character: the general path, after the
// fixed toISOString layout (fixed-iso-z.ts) has been tried.

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
