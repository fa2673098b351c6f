import type { WeekStart } from "../../src-preload/contract/common.ts";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { RetentionInterval } from "../../src-preload/contract/segment.ts";
import { MAX_BUCKETS } from "./budget.ts";
import { type Buckets, bucketsCovering, type DateSpan } from "./calendar.ts";
import { trendBuckets } from "./trends/buckets.ts";

// Retention's periods: days, weeks and months from the engine's calendar; hours as trends count
// them (local clock hours, so a fall-back day's repeated hour is one two-hour period and a
// spring-forward day's skipped hour is none), capped like the other intervals.

export function retentionPeriods(
  span: DateSpan,
  interval: RetentionInterval,
  weekStart: WeekStart,
  tz: string,
): Buckets {
  if (interval !== "hour") return bucketsCovering(span, interval, weekStart, tz);
  const hours = ((Date.parse(span.to) - Date.parse(span.from)) / 86_400_000 + 1) * 24;
  if (!(hours <= MAX_BUCKETS))
    throw new StrataError(
      "too_long",
      `that range holds about ${Number.isFinite(hours) ? Math.round(hours).toLocaleString("en-US") : "too many"} hours; at most ${MAX_BUCKETS.toLocaleString("en-US")} buckets are shown: choose a shorter range or a coarser interval`,
    );
  const b = trendBuckets(span, "hour", weekStart, tz);
  return { starts: b.labels, bounds: b.bounds };
}

/**
 * The period a segment's `cohort` names among `starts`: the one containing that date (or, for
 * hours, that day's first hour; an hour label names itself); -1 when it is not one of them.
 */
export function cohortIndex(
  starts: readonly string[],
  cohort: string,
  interval: RetentionInterval,
  weekStart: WeekStart,
): number {
  const date = cohort.slice(0, 10);
  if (interval === "hour") {
    return cohort.length > 10 ? starts.indexOf(cohort) : starts.findIndex((s) => s.startsWith(date));
  }
  const first = bucketsCovering({ from: date, to: date }, interval, weekStart, "UTC").starts[0];
  return first === undefined ? -1 : starts.indexOf(first);
}
