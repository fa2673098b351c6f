import { create } from "zustand";
import type { Range } from "../../src-preload/contract/common.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";
import { keepPerWorkspace } from "./per-workspace.ts";

// The top bar's controls, applied to every analysis view: date range, timezone override, and a
// global segment filter (shown as a removable chip).
export interface GlobalFilters {
  range: Range;
  /** null: the workspace's timezone */
  timezone: string | null;
  segment: { name: string; definition: Segment } | null;
  setRange(range: Range): void;
  setTimezone(tz: string | null): void;
  setSegment(segment: { name: string; definition: Segment } | null): void;
}

export const useGlobalFilters = create<GlobalFilters>((set) => ({
  range: { last: 30, unit: "day" },
  timezone: null,
  segment: null,
  setRange: (range) => set({ range }),
  setTimezone: (timezone) => set({ timezone }),
  setSegment: (segment) => set({ segment }),
}));

/** The parts of a query that the global controls fill in. */
export function globalQueryParts(g: Pick<GlobalFilters, "range" | "timezone" | "segment">): {
  range: Range;
  timezone?: string;
  segment?: Segment;
} {
  return {
    range: g.range,
    ...(g.timezone ? { timezone: g.timezone } : {}),
    ...(g.segment ? { segment: g.segment.definition } : {}),
  };
}

// A segment filter is built on one workspace's attributes and saved segments.
keepPerWorkspace(useGlobalFilters, ["segment"]);
