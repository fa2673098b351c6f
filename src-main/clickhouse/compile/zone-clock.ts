import type { Calendar } from "../../engine/metrics/calendar.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import { zoneOffsetMs } from "../../time/zoned.ts";
import { dayIndexSql } from "./day-index.ts";

// A zone's clock over a calendar's days, as SQL on an instant: its UTC offset, its day index and its
// local hour, as Calendar.dayIndex and Calendar.hour read them. The offsets are found here by
// JavaScript's own time zone data (the instants where they change, by bisection on the day whose
// offset differs between its first and last millisecond) and written in as a multiIf, so the server's
// (older) zone database is never used. The day is then floor((t + offset) / 24 h) minus the first
// date's epoch day; that is checked here at both ends of every piece of constant offset, and where
// a zone's local dates run backwards (a fall-back across midnight) the day starts are compared
// instead (day-index.ts).

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface ZoneClock {
  offset: string;
  day: string;
  hour: string;
}

const floorDay = (x: number) => Math.floor(x / DAY);

/** The first instant in (a, b] whose offset is not `o` (the day's one change of offset). */
function changeAt(a: number, b: number, o: number, tz: string): number {
  let lo = a;
  let hi = b;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zoneOffsetMs(mid, tz) !== o) hi = mid;
    else lo = mid;
  }
  return hi;
}

export function zoneClock(cal: Calendar, tz: string, timeSql: string): ZoneClock {
  const dayStarts = cal.starts;
  // pieces of constant offset [from, next piece's from), each inside one day k
  const pieces: { from: number; to: number; off: number; k: number }[] = [];
  for (let k = 0; k < cal.days; k++) {
    const firstMs = dayStarts[k] ?? outOfBounds();
    const lastMs = (dayStarts[k + 1] ?? outOfBounds()) - 1;
    const o1 = zoneOffsetMs(firstMs, tz);
    const o2 = zoneOffsetMs(lastMs, tz);
    if (o1 === o2) pieces.push({ from: firstMs, to: lastMs, off: o1, k });
    else {
      const changeMs = changeAt(firstMs, lastMs, o1, tz);
      pieces.push(
        { from: firstMs, to: changeMs - 1, off: o1, k },
        { from: changeMs, to: lastMs, off: o2, k },
      );
    }
  }
  const parts: string[] = [];
  let last = pieces[0]?.off ?? 0;
  for (const piece of pieces.slice(1)) {
    if (piece.off !== last) parts.push(`${timeSql} < ${piece.from}`, String(last));
    last = piece.off;
  }
  const offset = parts.length === 0 ? `toInt64(${last})` : `toInt64(multiIf(${parts.join(", ")}, ${last}))`;
  const local = `(${timeSql} + ${offset})`;
  const e0 = floorDay(Date.parse(`${cal.dates[0]}T00:00:00Z`));
  const uniform = pieces.every(
    (p) => floorDay(p.from + p.off) - e0 === p.k && floorDay(p.to + p.off) - e0 === p.k,
  );
  const day = uniform
    ? `toInt32(if(${timeSql} < ${dayStarts[0]} OR ${timeSql} >= ${dayStarts[cal.days]}, -1, intDiv(${local}, ${DAY}) - (${local} % ${DAY} < 0) - ${e0}))`
    : dayIndexSql(dayStarts, timeSql);
  const hour = `toInt32(intDiv((${local} % ${DAY} + ${DAY}) % ${DAY}, ${HOUR}))`;
  return { offset, day, hour };
}
