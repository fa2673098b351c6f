import type { Filter } from "../../src-preload/contract/common.ts";
import { dateInZone } from "../time/zoned.ts";
import type { Timeline } from "./columns/types.ts";
import { Calendar } from "./metrics/calendar.ts";
import { outOfBounds } from "./typed-index.ts";

// Virtual event properties: values every event has, computed from its time in the query's
// timezone instead of read from the import. `$hour` is the local hour 0-23, `$weekday` the ISO
// weekday (1 = Monday ... 7 = Sunday). `$event` is the event's name, so one matcher can say "any
// event but these" (`{ event: null, where: [{ property: "$event", op: "notIn", value: [...] }] }`),
// which the activity-based segment templates need: "20 or more events that are not message
// deliveries" has no other form. Only these exact names are virtual: other `$` names stay stored
// properties, since Mixpanel and PostHog exports carry many (`$os`, `$browser`, ...).

export const VIRTUAL_PROPS = ["$hour", "$weekday", "$event"] as const;
export type VirtualProp = (typeof VIRTUAL_PROPS)[number];

export function isVirtualProp(name: string): name is VirtualProp {
  return name === "$hour" || name === "$weekday" || name === "$event";
}

// One byte per event: hour in the low 5 bits, ISO weekday in the top 3. One array per timezone,
// built on first use (a forward pass per user, so an event's day is usually the previous one's).
const cache = new WeakMap<Timeline, Map<string, Uint8Array>>();

/** The packed local hour / weekday of every event position in `tz` (cached per timeline). */
export function localClock(tl: Timeline, tz: string): Uint8Array {
  let byZone = cache.get(tl);
  if (!byZone) {
    byZone = new Map();
    cache.set(tl, byZone);
  }
  let packed = byZone.get(tz);
  if (!packed) {
    packed = computeClock(tl, tz);
    byZone.set(tz, packed);
  }
  return packed;
}

function computeClock(tl: Timeline, tz: string): Uint8Array {
  const { times, userOffsets, nEvents, nUsers } = tl;
  const out = new Uint8Array(nEvents);
  if (nEvents === 0) return out;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let pos = 0; pos < nEvents; pos++) {
    const time = times[pos] ?? outOfBounds();
    if (time < min) min = time;
    if (time > max) max = time;
  }
  // the calendar's day starts and UTC offsets come from the zone's rules, so DST days are 23 or
  // 25 hours and an hour repeated in autumn is the same local hour both times
  const cal = new Calendar(dateInZone(min, tz), dateInZone(max, tz), tz);
  const weekday = Uint8Array.from(cal.dates, (_, k) => cal.weekday(k) + 1);
  for (let user = 0; user < nUsers; user++) {
    const end = userOffsets[user + 1] ?? outOfBounds();
    let day = -1;
    for (let pos = userOffsets[user] ?? outOfBounds(); pos < end; pos++) {
      const time = times[pos] ?? outOfBounds();
      day = cal.dayNear(time, day);
      out[pos] = cal.hour(time, day) | ((weekday[day] ?? outOfBounds()) << 5);
    }
  }
  return out;
}

/** A filter on a virtual property as a predicate over event positions. */
export function compileVirtual(
  tl: Timeline,
  tz: string,
  f: Filter & { property: VirtualProp },
  matchValue: (v: number | string, f: Filter) => boolean,
): (pos: number) => boolean {
  if (f.property === "$event") {
    // one answer per event-name code, decided once
    const ok = Uint8Array.from(tl.eventNames, (name) => (matchValue(name, f) ? 1 : 0));
    const codes = tl.eventCodes;
    return (pos) => ok[codes[pos] ?? outOfBounds()] === 1;
  }
  const clock = localClock(tl, tz);
  if (f.property === "$hour") {
    const ok = Uint8Array.from({ length: 24 }, (_, h) => (matchValue(h, f) ? 1 : 0));
    return (pos) => ok[(clock[pos] ?? outOfBounds()) & 31] === 1;
  }
  const ok = Uint8Array.from({ length: 8 }, (_, d) => (matchValue(d, f) ? 1 : 0));
  return (pos) => ok[(clock[pos] ?? outOfBounds()) >> 5] === 1;
}
