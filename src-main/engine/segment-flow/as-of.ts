import { startOfDate } from "../../time/zoned.ts";
import { addDays } from "../calendar.ts";
import type { EngineContext } from "../context.ts";
import { type CutScratch, CutTimeline } from "./cut-timeline.ts";

/**
 * The context as it would be on day `day`: the as-of day is `day` (relative ranges end on it, also
 * in nested queries with their own timezone, hence the fixed setting), and the timeline holds only
 * the events before the end of that day in the context's timezone.
 */
export function contextAsOf(
  ctx: EngineContext,
  day: string,
  scratch: CutScratch | null = null,
): EngineContext {
  const end = startOfDate(addDays(day, 1), ctx.timezone);
  return {
    ...ctx,
    tl: CutTimeline.of(ctx.tl, end, scratch),
    asOf: day,
    settings: { ...ctx.settings, asOf: { mode: "fixed", date: day } },
    segmentStack: [],
  };
}
