import type { Range } from "../../src-preload/contract/common.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";
import { useGlobalFilters } from "../store/global-filters.ts";

/**
 * A saved report carries its own range, timezone and segment; opening it puts them into the top bar so
 * that it shows the numbers it was saved with (on any machine), and the analyst sees what applies.
 */
export function applyReportScope(q: { range: Range; timezone?: string; segment?: Segment }): void {
  const g = useGlobalFilters.getState();
  if (JSON.stringify(g.range) !== JSON.stringify(q.range)) g.setRange(q.range);
  if ((g.timezone ?? undefined) !== q.timezone) g.setTimezone(q.timezone ?? null);
  const seg = q.segment;
  if (JSON.stringify(g.segment?.definition) !== JSON.stringify(seg)) {
    g.setSegment(seg ? { name: "Report segment", definition: seg } : null);
  }
}
