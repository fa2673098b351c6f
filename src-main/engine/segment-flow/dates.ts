import { StrataError } from "../../../src-preload/contract/errors.ts";
import type { SegmentFlowQuery } from "../../../src-preload/contract/paths.ts";
import { addDays, bucketsCovering, nextBucket } from "../calendar.ts";
import { type EngineContext, rangeSpan } from "../context.ts";

export const MAX_FLOW_DATES = 24;

/**
 * The dates of a segment flow. `every`: the last day of each interval overlapping the range
 * (weeks from the week start), the last one capped at the range's end; 1 to 24 of them.
 */
export function flowDates(
  ctx: Pick<EngineContext, "asOf" | "weekStart" | "timezone">,
  at: SegmentFlowQuery["at"],
): string[] {
  if (Array.isArray(at)) return at;
  const span = rangeSpan(ctx, at.range);
  const { starts } = bucketsCovering(span, at.every, ctx.weekStart, ctx.timezone);
  const days = starts.map((s) => {
    const last = addDays(nextBucket(s, at.every), -1);
    // dates compare as strings (YYYY-MM-DD), not numbers
    if (last > span.to) return span.to;
    return last;
  });
  if (days.length > MAX_FLOW_DATES)
    throw new StrataError(
      "invalid_request",
      `at: every ${at.every} over ${span.from}..${span.to} gives ${days.length} dates; at most ${MAX_FLOW_DATES}`,
    );
  return days;
}
