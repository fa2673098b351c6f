import { isIanaTimezone } from "../../../src-preload/contract/plain-checks.ts";
import { addDays } from "../../engine/calendar.ts";
import { Calendar, weekdayOf } from "../../engine/metrics/calendar.ts";
import { TIMEZONE_ATTRIBUTE, WINDOW_DAYS } from "../../engine/send-time/compute.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import { startOfDate } from "../../time/zoned.ts";
import type { ChClient } from "../http.ts";
import { str } from "../literal.ts";
import type { ChContext } from "./context.ts";
import { PER_USER } from "./per-user.ts";
import { optionalPropParts } from "./prop-value.ts";
import { zoneClock } from "./zone-clock.ts";

// Best send hour and weekday (engine/send-time/compute.ts) per user, on the user's shard: over the
// 90 days up to the as-of day (query timezone), the distinct local days with an event in each hour
// and on each weekday, in the user's `timezone` attribute when it is a valid IANA name (checked by
// JavaScript, as locally) else the query's. Every zone's clock is written in by zone-clock.ts; a
// user's zone comes through one IN set per zone. Counting is uniqExactIf per hour and weekday (no
// lambda over the aggregates: 18.16 loses event columns there); the best is the first maximum.
// The global winners are the first maxima of the summed counts over all users (integers).

const DAY = 86_400_000;

export interface SendTimesSql {
  /** per user with events in the window: user, hc (24 day counts), wc (7), bh (0-23), bw (1-7), m (member) */
  perUser: string;
  from: string;
  to: string;
}

export async function sendTimesSql(
  ch: ChClient,
  ctx: ChContext,
  member: string,
  signal?: AbortSignal,
): Promise<SendTimesSql> {
  const { timezone, asOf } = ctx;
  const from = addDays(asOf, -(WINDOW_DAYS - 1));
  const start = startOfDate(from, timezone);
  const end = startOfDate(addDays(asOf, 1), timezone);
  // optional, as locally: without it every clock is read in the query's zone
  const zoneParts = optionalPropParts("a", TIMEZONE_ATTRIBUTE);
  const names = await ch.rows<{ s: string }>(
    `SELECT DISTINCT ${zoneParts.str} AS s FROM users FINAL WHERE ${zoneParts.tag} = 2`,
    {},
    signal,
  );
  const zones = [...new Set(names.map((n) => n.s).filter((n) => n !== timezone && isIanaTimezone(n)))].sort();
  const calFrom = addDays(from, -2);
  const clocks = [timezone, ...zones].map((tz) =>
    zoneClock(new Calendar(calFrom, addDays(asOf, 2), tz), tz, "time"),
  );
  const zi =
    zones.length === 0
      ? "0"
      : `multiIf(${zones.map((n, i) => `user IN (SELECT user FROM users FINAL WHERE ${zoneParts.tag} = 2 AND ${zoneParts.str} = ${str(n)}), ${i + 1}`).join(", ")}, 0)`;
  const pick = (f: "day" | "hour", zone: string) =>
    clocks.length === 1
      ? (clocks[0]?.[f] ?? "0")
      : `multiIf(${clocks
          .slice(1)
          .map((c, i) => `${i === 0 ? zone : "zi"} = ${i + 1}, ${c[f]}`)
          .join(", ")}, ${clocks[0]?.[f]})`;
  // weekday of day k of every zone's calendar (they all start on calFrom): 0 = Monday
  const w0 = weekdayOf(calFrom);
  // the zone, day and hour are written once, as aliases inside the first aggregate, and read by
  // name in the others (the aggregation must be the Distributed read's own, so that it runs on the
  // shards; a subquery in between would bring every event to the initiator)
  const daySql = `(${pick("day", `(${zi} AS zi)`)} AS d)`;
  const hc = Array.from({ length: 24 }, (_, h) =>
    h === 0 ? `uniqExactIf(${daySql}, (${pick("hour", "zi")} AS hr) = 0)` : `uniqExactIf(d, hr = ${h})`,
  );
  const wc = Array.from({ length: 7 }, (_, w) => `uniqExactIf(d, (d + ${w0}) % 7 = ${w})`);
  const perUser = `SELECT user, hc, wc, indexOf(hc, arrayReduce('max', hc)) - 1 AS bh,
      indexOf(wc, arrayReduce('max', wc)) AS bw, m
    FROM (
      SELECT user, [${hc.join(", ")}] AS hc, [${wc.join(", ")}] AS wc, max(${member}) AS m
      FROM events WHERE time >= ${start} AND time < ${end}
      GROUP BY user)`;
  return { perUser, from, to: asOf };
}

/** The winners over all users: the first maxima of the summed hour and weekday counts. */
export interface Totals {
  globalHour: number;
  globalWeekday: number;
}

export function totalsOf(rows: { th: number[]; tw: number[] }[]): Totals {
  const th = new Array<number>(24).fill(0);
  const tw = new Array<number>(7).fill(0);
  for (const r of rows) {
    r.th.forEach((v, i) => {
      th[i] = (th[i] ?? outOfBounds()) + v;
    });
    r.tw.forEach((v, i) => {
      tw[i] = (tw[i] ?? outOfBounds()) + v;
    });
  }
  return { globalHour: argmax(th), globalWeekday: argmax(tw) + 1 };
}

function argmax(a: number[]): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if ((a[i] ?? outOfBounds()) > (a[best] ?? outOfBounds())) best = i;
  return best;
}

export { DAY, PER_USER };
