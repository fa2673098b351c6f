import { zoneOffsetMs } from "../../time/zoned.ts";

// The virtual event properties of engine/virtual-props.ts as ClickHouse expressions: `$event` is
// the event's name; `$hour` (0-23) and `$weekday` (ISO, 1 = Monday) are read from the event's
// local clock in the query's timezone. The cluster never applies its own timezone database: the
// zone's UTC offsets are found here, in JavaScript (the local engine's own zoneOffsetMs), and
// written into the SQL as a piecewise function of the instant.

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** the instants the offsets are tabulated for; an event outside them stops the query (throwIf) */
export const CLOCK_FROM = Date.UTC(1970, 0, 1);
export const CLOCK_TO = Date.UTC(2100, 0, 1);

interface Offsets {
  /** offset before the first change, then the instant of each change and the offset from there */
  first: number;
  changes: [number, number][];
}

const cache = new Map<string, Offsets>();
/** zones that are UTC at every instant: no table, no guard */
const UTC = new Set(["UTC", "Etc/UTC", "Etc/GMT", "GMT"]);

/** The exact instant (ms) the offset changes between a (offset oa) and b > a. */
function changeBetween(a: number, b: number, oa: number, tz: string): number {
  let lo = a;
  let hi = b;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (zoneOffsetMs(mid, tz) === oa) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The zone's offsets over [CLOCK_FROM, CLOCK_TO), sampled daily (no zone changes its offset twice
 * within a day) and each change found to the second (offsets change on whole seconds).
 */
function offsetsOf(tz: string): Offsets {
  const hit = cache.get(tz);
  if (hit) return hit;
  if (UTC.has(tz)) return { first: 0, changes: [] };
  const first = zoneOffsetMs(CLOCK_FROM, tz);
  const changes: [number, number][] = [];
  let prev = first;
  for (let t = CLOCK_FROM + DAY_MS; t <= CLOCK_TO; t += DAY_MS) {
    const o = zoneOffsetMs(t, tz);
    if (o === prev) continue;
    changes.push([changeBetween(t - DAY_MS, t, prev, tz), o]);
    prev = o;
  }
  const out = { first, changes };
  cache.set(tz, out);
  return out;
}

/**
 * The event's local wall-clock instant (time + the zone's offset then), guarded to the table's
 * span. The table is two array literals (one AST node each: a multiIf of hundreds of changes,
 * repeated wherever a step's mask is read, went past the server's AST limit).
 */
function localSql(tz: string): string {
  const { first, changes } = offsetsOf(tz);
  const offs = [first, ...changes.map(([, o]) => o)];
  const off =
    changes.length === 0
      ? String(first)
      : `arrayElement([${offs.join(", ")}], arrayCount(x -> x <= time, [${changes.map(([at]) => at).join(", ")}]) + 1)`;
  if (UTC.has(tz)) return "time";
  const guard = `throwIf(time < ${CLOCK_FROM} OR time >= ${CLOCK_TO})`;
  return `(time + toInt64(${off}) + ${guard})`;
}

/** floor(x / m) and x mod m (non-negative) for Int64 x */
const mod = (x: string, m: number) => `(((${x}) % ${m} + ${m}) % ${m})`;

export function hourSql(tz: string): string {
  return `toFloat64(intDiv(${mod(localSql(tz), DAY_MS)}, ${HOUR_MS}))`;
}

export function weekdaySql(tz: string): string {
  const local = localSql(tz);
  const day = `intDiv(${local} - ${mod(local, DAY_MS)}, ${DAY_MS})`;
  // 1970-01-01 was a Thursday (ISO 4)
  return `toFloat64(${mod(`${day} + 3`, 7)} + 1)`;
}

/**
 * `$event` lowercased as JavaScript lowercases (contains / startsWith): lowerUTF8 agrees with it on
 * ASCII names; a name with other characters stops the query rather than risk a different answer.
 */
export const EVENT_LOWER =
  "concat(lowerUTF8(event), substring(toString(throwIf(lengthUTF8(event) != length(event))), 1, 0))";
