import type { Range } from "../../../src-preload/contract/common.ts";
import type { FlowState, SegmentFlowQuery } from "../../../src-preload/contract/paths.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import type { OpenReport } from "../../report/report.tsx";
import type { GlobalFilters } from "../../store/global-filters.ts";
import { parseDates, type When } from "./FlowDates.tsx";

// The segment flow's query from the side panel and the top bar, and a saved flow report opened back
// into them: opening and rebuilding give the saved query again, so an opened report is not "changed".

export function flowQuery(
  states: FlowState[],
  when: When,
  g: Pick<GlobalFilters, "range" | "timezone" | "segment">,
): SegmentFlowQuery {
  return {
    kind: "segmentFlow",
    states,
    at: when.mode === "every" ? { every: when.every, range: g.range } : parseDates(when.text),
    ...(g.timezone ? { timezone: g.timezone } : {}),
    ...(g.segment ? { segment: g.segment.definition } : {}),
  };
}

/**
 * A saved flow report as the view opens it: its states and dates, the report named in the title (so
 * that Save writes to it rather than creating another), its query as saved, and the top bar's scope.
 * A list of dates has no range: the top bar keeps `range`; its timezone and segment are the report's
 * in both forms.
 */
export function openedFlow(
  q: SegmentFlowQuery,
  r: OpenReport,
  range: Range,
): {
  states: FlowState[];
  when: When;
  report: OpenReport;
  savedJson: string;
  scope: { range: Range; timezone?: string; segment?: Segment };
} {
  return {
    states: q.states,
    when: Array.isArray(q.at)
      ? { mode: "dates", text: q.at.join(", ") }
      : { mode: "every", every: q.at.every },
    report: r,
    savedJson: JSON.stringify(q),
    scope: {
      range: Array.isArray(q.at) ? range : q.at.range,
      ...(q.timezone ? { timezone: q.timezone } : {}),
      ...(q.segment ? { segment: q.segment } : {}),
    },
  };
}
