import { create } from "zustand";
import type { Query } from "../../src-preload/contract/queries.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";

export type ViewId =
  | "data"
  | "segments"
  | "trends"
  | "dashboard"
  | "funnels"
  | "retention"
  | "engagement"
  | "rfm"
  | "compare"
  | "paths"
  | "flows"
  | "predict"
  | "exports"
  | "settings";

/**
 * Where the workbench is, and hand-offs between views: "create segment from this" in any chart opens
 * the builder with a draft; a saved report opens its view with its query.
 */
export interface Navigation {
  view: ViewId;
  /** a segment handed to the builder by another view (cleared by the builder once taken) */
  segmentDraft: { name: string; definition: Segment } | null;
  /** a saved report to show (cleared by the view once taken) */
  openReport: { id: string; name: string; query: Query } | null;
  go(view: ViewId): void;
  createSegmentFrom(name: string, definition: Segment): void;
  takeSegmentDraft(): { name: string; definition: Segment } | null;
  showReport(report: { id: string; name: string; query: Query }, view: ViewId): void;
  takeReport(): { id: string; name: string; query: Query } | null;
}

export const useNavigation = create<Navigation>((set, get) => ({
  view: "data",
  segmentDraft: null,
  openReport: null,
  go: (view) => set({ view }),
  createSegmentFrom: (name, definition) => set({ view: "segments", segmentDraft: { name, definition } }),
  takeSegmentDraft: () => {
    const d = get().segmentDraft;
    if (d) set({ segmentDraft: null });
    return d;
  },
  showReport: (report, view) => set({ view, openReport: report }),
  takeReport: () => {
    const r = get().openReport;
    if (r) set({ openReport: null });
    return r;
  },
}));
