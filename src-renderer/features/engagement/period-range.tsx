import { useMemo } from "react";
import type { Interval, Range, WeekStart } from "../../../src-preload/contract/common.ts";
import { rangeNoteText } from "../../report/RangeNote.tsx";
import { asOfIn } from "../../store/as-of.ts";
import { useWorkspace } from "../../store/workspace.ts";
import { resolveRange } from "../../ui/format.ts";
import { type DaySpan, wholePeriodsNote } from "./transform/periods.ts";

/**
 * The range's days as the engine resolves them: relative ranges end on the as-of day in the query's
 * zone (as RangeNote's dates do). Null until the workspace is known.
 */
export function useRangeDays(range: Range, timezone: string | null | undefined): DaySpan | null {
  const info = useWorkspace((s) => s.info);
  const days = "from" in range ? range : info ? resolveRange(range, asOfIn(info, timezone)) : null;
  const from = days?.from;
  const to = days?.to;
  // one object while the days stay the same, so the charts' options are not rebuilt on every render
  return useMemo(() => (from && to ? { from, to } : null), [from, to]);
}

/**
 * RangeNote for the kinds that read every period touching the range whole (churn, active users,
 * lifecycle, stickiness, retention): the note also says which days that reads when the range starts
 * or ends inside a period, since those days are counted though the range leaves them out.
 */
export function WholePeriodsRangeNote({
  counts,
  range,
  timezone,
  interval,
  weekStart,
}: {
  counts: string;
  range: Range;
  timezone?: string | null;
  interval: Interval | "hour";
  weekStart?: WeekStart;
}) {
  const info = useWorkspace((s) => s.info);
  const days = useRangeDays(range, timezone);
  const whole = wholePeriodsNote(days, interval, weekStart ?? info?.weekStart ?? "monday");
  const text = rangeNoteText(counts, range, timezone, info);
  return <p className="range-note">{whole ? `${text} · ${whole}` : text}</p>;
}
