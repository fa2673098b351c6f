import { create } from "zustand";
import type { Range } from "../../src-preload/contract/common.ts";
import type { SavedItem } from "../../src-preload/contract/methods/saved.ts";
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
  segment: SegmentFilter | null;
  setRange(range: Range, preset?: string | null): void;
  setTimezone(tz: string | null): void;
  setSegment(segment: SegmentFilter | null): void;
}

/** The top bar's segment: a copy of its conditions, and the saved segment it was applied from. */
export interface SegmentFilter {
  name: string;
  definition: Segment;
  /** set when applied from a saved segment as saved: the filter then follows its saves and deletion */
  savedId?: string;
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
 * A saved item was saved again or renamed. A filter applied from that segment follows it: otherwise
 * its chip says "Buyers" while every view filters by the conditions Buyers had before the save.
 */
export function followSavedSegment(item: SavedItem): void {
  const g = useGlobalFilters.getState();
  if (item.type !== "segment" || g.segment?.savedId !== item.id) return;
  g.setSegment({ name: item.name, definition: item.definition, savedId: item.id });
}

/** A saved item was deleted: a filter applied from it goes too, not left filtering by a ghost. */
export function forgetSavedSegment(id: string): void {
  const g = useGlobalFilters.getState();
  if (g.segment?.savedId === id) g.setSegment(null);
}

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
