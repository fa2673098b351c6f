import { startOfDate } from "../../time/zoned.ts";
import { addDays } from "../calendar.ts";
import type { EngineContext } from "../context.ts";
import { type CutScratch, CutTimeline } from "./cut-timeline.ts";

/**
 * The context as it would be on day `day`: the as-of day is `day` (relative ranges end on it, also
 * in nested queries with their own timezone, hence the fixed setting), and the timeline holds only
 * the events before the end of that day in the context's timezone. `cut`: "none" keeps the whole
 * timeline (for segments that read nothing after the day, see needsCut), a mask keeps events only
 * for the users it marks (for per-user segments asked about those users only).
 */
export function contextAsOf(
  ctx: EngineContext,
  day: string,
  scratch: CutScratch | null = null,
  cut: "all" | "none" | Uint8Array = "all",
): EngineContext {
  const end = startOfDate(addDays(day, 1), ctx.timezone);
  const tl =
    cut === "none"
      ? ctx.tl
      : cut === "all"
        ? CutTimeline.of(ctx.tl, end, scratch)
        : new CutTimeline(ctx.tl, end, scratch, cut);
  return {
    ...ctx,
    tl,
    asOf: day,
    settings: { ...ctx.settings, asOf: { mode: "fixed", date: day } },
    segmentStack: [],
  };
}
