import { create } from "zustand";
import type { Range } from "../../src-preload/contract/common.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";
import { keepPerWorkspace } from "./per-workspace.ts";

// The top bar's controls, applied to every analysis view: date range, timezone override, and a
// global segment filter (shown as a removable chip).
export interface GlobalFilters {
  range: Range;
  /**
   * The preset the range came from ("all", "month", ...), or null for a custom span: presets whose
   * dates depend on the timezone or the as-of day are resolved again when those change.
   */
  preset: string | null;
  /** null: the workspace's timezone */
  timezone: string | null;
  segment: { name: string; definition: Segment } | null;
  setRange(range: Range, preset?: string | null): void;
  setTimezone(tz: string | null): void;
  setSegment(segment: { name: string; definition: Segment } | null): void;
}

export const useGlobalFilters = create<GlobalFilters>((set) => ({
  // 90 days: weekly charts draw a shape (13 points) and monthly ones more than a dot or two
  range: { last: 90, unit: "day" },
  preset: "90d",
  timezone: null,
  segment: null,
  setRange: (range, preset = null) => set({ range, preset }),
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

/**
 * After the timezone, the as-of day or the workspace changed: a range chosen as a preset follows the
 * preset's new dates ("All time" stays all time), instead of turning into a custom span that drops
 * the days at its ends.
 */
export function followPreset(presets: readonly { id: string; range: Range }[]): void {
  const g = useGlobalFilters.getState();
  if (g.preset === null) return;
  const p = presets.find((x) => x.id === g.preset);
  if (p && JSON.stringify(p.range) !== JSON.stringify(g.range)) g.setRange(p.range, p.id);
}
