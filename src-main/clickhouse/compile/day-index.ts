import { outOfBounds } from "../../engine/typed-index.ts";
import { msArray } from "../literal.ts";
import { bucketOf } from "./calendar.ts";

// The day index of an instant among a calendar's day starts (engine/metrics/calendar.ts
// Calendar.dayIndex): -1 outside [starts[0], starts[n]). The starts are computed in JavaScript by the
// local engine's Calendar and written in as ms; the SQL only compares with them, so DST days (23 or
// 25 hours) are the local engine's by construction.
//
// A multiIf over every start grows with the span (a year of days is 730 arguments per use); instead
// the uniform guess k0 = (t - starts[0]) / 24 h is corrected by one comparison on each side, which
// is exact whenever no start is a whole day or more away from its uniform place (checked here in
// JavaScript: every real zone's offsets differ by less than a day; otherwise the multiIf is used).

const DAY = 86_400_000;

export function dayIndexSql(starts: ArrayLike<number>, t: string): string {
  const n = starts.length - 1;
  const s0 = starts[0] ?? outOfBounds();
  let drift = 0;
  for (let k = 0; k <= n; k++)
    drift = Math.max(drift, Math.abs((starts[k] ?? outOfBounds()) - (s0 + k * DAY)));
  if (drift >= DAY || n < 1) return `toInt32(if(${t} >= ${starts[n]}, -1, ${bucketOf(starts, t)}))`;
  const S = msArray(starts);
  const k0 = `least(greatest(intDiv(${t} - ${s0}, ${DAY}), 0), ${n - 1})`;
  // S is 1-based: S[k0 + 1] is the start of day k0, S[k0 + 2] its end
  return `toInt32(if(${t} < ${s0} OR ${t} >= ${starts[n]}, -1,
    ${k0} - (${t} < ${S}[${k0} + 1]) + (${t} >= ${S}[${k0} + 2])))`;
}
