import type { Calendar } from "../../engine/metrics/calendar.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import { zoneOffsetMs } from "../../time/zoned.ts";
import { msArray } from "../literal.ts";
import { dayIndexSql } from "./day-index.ts";
import { refuse } from "./refuse.ts";

// The local hour (0-23) of an instant on a calendar day, as engine/metrics/calendar.ts Calendar.hour:
// on a day without an offset change, whole hours since the day's first instant; on a DST day, the
// hour of the local clock, read with the day's first offset before the change and its last offset
// from it on. The change instant of each such day is found here, in JavaScript, with the same zone
// rules the local engine reads, and written into the SQL; the server's own zone data is never used.

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The first instant of day k whose offset differs from the day's first one (one change a day). */
function changeOf(cal: Calendar, k: number, field: string): number {
  const a = cal.starts[k] ?? outOfBounds();
  const b = (cal.starts[k + 1] ?? outOfBounds()) - 1;
  const off = zoneOffsetMs(a, cal.tz);
  let lo = a;
  let hi = b;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (zoneOffsetMs(mid, cal.tz) !== off) hi = mid;
    else lo = mid + 1;
  }
  // the rule below reads one change a day; a zone that changed twice in a day is not compiled
  if (zoneOffsetMs(lo, cal.tz) !== zoneOffsetMs(b, cal.tz))
    refuse(field, `${cal.tz} changes its UTC offset twice on ${cal.dates[k]}`);
  return lo;
}

/**
 * SQL for the day index and local hour of instant `t` (inside the calendar). The hour repeats the
 * day's expression rather than naming it: an alias beside a GROUP BY must be grouped by itself, and
 * the server computes a repeated expression once.
 */
export function dayAndHourSql(cal: Calendar, t: string, field: string): { day: string; hour: string } {
  const n = cal.days;
  const day = dayIndexSql(cal.starts, t);
  const d = `(${day})`;
  const S = msArray(cal.starts);
  const shifting: number[] = [];
  for (let k = 0; k < n; k++) if (cal.shifts(k)) shifting.push(k);
  if (shifting.length === 0) return { day, hour: `intDiv(${t} - ${S}[${d} + 1], ${HOUR})` };
  const change = new Array<number>(n).fill(0);
  const before = new Array<number>(n).fill(0);
  const after = new Array<number>(n).fill(0);
  const shifts = new Array<number>(n).fill(0);
  for (const k of shifting) {
    shifts[k] = 1;
    change[k] = changeOf(cal, k, field);
    before[k] = zoneOffsetMs(cal.starts[k] ?? outOfBounds(), cal.tz);
    after[k] = zoneOffsetMs((cal.starts[k + 1] ?? outOfBounds()) - 1, cal.tz);
  }
  const at = (xs: number[]) => `${msArray(xs)}[${d} + 1]`;
  const local = `${t} + if(${t} >= ${at(change)}, ${at(after)}, ${at(before)})`;
  const hour = `if(${at(shifts)} = 1, intDiv(((${local}) % ${DAY} + ${DAY}) % ${DAY}, ${HOUR}), intDiv(${t} - ${S}[${d} + 1], ${HOUR}))`;
  return { day, hour };
}
