import type { Interval, WeekStart } from "../../../src-preload/contract/common.ts";
import { Calendar, periodsOf } from "../../engine/metrics/calendar.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import { bucketOf } from "./calendar.ts";

// The periods of a metric kind (engine/metrics/calendar.ts periodsOf over a Calendar of days) as
// instants: each period's first instant and the calendar's end, computed in JavaScript by the local
// engine's own Calendar, so a period index in SQL is a comparison with these bounds (DST included).

export interface MetricPeriods {
  cal: Calendar;
  /** each period's first day */
  starts: string[];
  ofDay: Int32Array;
  /** bounds[p] is period p's first instant; bounds[np] the calendar's end */
  bounds: number[];
}

export function metricPeriods(
  from: string,
  to: string,
  tz: string,
  interval: Interval,
  weekStart: WeekStart,
): MetricPeriods {
  const cal = new Calendar(from, to, tz);
  const { starts, ofDay } = periodsOf(cal, interval, weekStart);
  const bounds: number[] = [];
  for (let k = 0; k < cal.days; k++)
    if (k === 0 || ofDay[k] !== ofDay[k - 1]) bounds.push(cal.starts[k] ?? outOfBounds());
  bounds.push(cal.endMs);
  return { cal, starts, ofDay, bounds };
}

/** The period index of an instant inside the calendar (-1 before it, np after it). */
export function periodOfSql(p: MetricPeriods, t = "time"): string {
  return bucketOf(p.bounds, t);
}

/** Per-period 0/1 flags of a per-user set of period indexes: one array of np flags per user. */
export function flagsSql(set: string, np: number): string {
  return `arrayMap(k -> toUInt64(has(${set}, k)), range(${np}))`;
}
