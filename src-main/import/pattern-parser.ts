import { outOfBounds } from "../engine/typed-index.ts";
import { utcMs } from "../time/bounds.ts";
import { wallClock } from "./wall-clock.ts";

// `--time-format` patterns: the pattern's tokens become one regular expression, built once per
// pattern, whose groups are read back in the tokens' order.

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
