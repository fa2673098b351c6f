import { create } from "zustand";
import type { SavedItem } from "../../src-preload/contract/methods/saved.ts";
import type { Query } from "../../src-preload/contract/queries.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";
import { call, onSavedChange } from "../api/client.ts";
import { followSavedSegment, forgetSavedSegment } from "./global-filters.ts";
import type { ViewId } from "./navigation.ts";

// Saved segments and reports of the open workspace, listed in the sidebar and the palette.
// Views save through here so the sidebar updates at once.
export interface SavedState {
  items: SavedItem[];
  refresh(): Promise<void>;
  saveSegment(name: string, definition: Segment, id?: string): Promise<SavedItem>;
  saveReport(name: string, query: Query, id?: string): Promise<SavedItem>;
  rename(id: string, name: string): Promise<SavedItem>;
  duplicate(id: string, name?: string): Promise<SavedItem>;
  remove(id: string): Promise<void>;
  clear(): void;
}

export const useSaved = create<SavedState>((set, get) => {
  function upsert(item: SavedItem): SavedItem {
    const others = get().items.filter((i) => i.id !== item.id);
    set({ items: [...others, item].sort((a, b) => a.name.localeCompare(b.name)) });
    followSavedSegment(item);
    return item;
  }
  return {
    items: [],
    refresh: async () => {
      const items = await call("savedList", {});
      set({ items: [...items].sort((a, b) => a.name.localeCompare(b.name)) });
    },
    saveSegment: async (name, definition, id) =>
      upsert(
        id
          ? await call("savedUpdate", { id, name, type: "segment", definition })
          : await call("savedCreate", { type: "segment", name, definition }),
      ),
    saveReport: async (name, query, id) =>
      upsert(
        id
          ? await call("savedUpdate", { id, name, type: "report", definition: query })
          : await call("savedCreate", { type: "report", name, definition: query }),
      ),
    rename: async (id, name) => upsert(await call("savedUpdate", { id, name })),
    duplicate: async (id, name) => upsert(await call("savedDuplicate", name ? { id, name } : { id })),
    remove: async (id) => {
      await call("savedDelete", { id });
      set({ items: get().items.filter((i) => i.id !== id) });
      forgetSavedSegment(id);
    },
    clear: () => set({ items: [] }),
  };
});

/** Which view shows a saved report, from its query kind. */
export function viewForQuery(query: Query): ViewId {
  const kind: string = query.kind;
  if (kind === "funnel") return "funnels";
  if (kind === "trends") return "trends";
  if (kind === "retention") return "retention";
  // lifecycle and stickiness charts live in Engagement; going there directly saves a hop through Retention
  if (kind === "lifecycle" || kind === "stickiness") return "engagement";
  if (kind === "rfm") return "rfm";
  if (kind === "paths") return "paths";
  if (kind === "segmentFlow") return "flows";
  if (kind.startsWith("compare")) return "compare";
  if (kind === "segmentCount" || kind === "segmentMembers") return "segments";
  if (kind === "propensity" || kind === "bestSendTime") return "predict";
  return "engagement";
}

// any saved-item write anywhere (a view's own report bar included) refreshes the listing
let pending: ReturnType<typeof setTimeout> | null = null;
onSavedChange(() => {
  if (pending) clearTimeout(pending);
  pending = setTimeout(() => {
    pending = null;
    useSaved
      .getState()
      .refresh()
      .catch(() => undefined);
  }, 50);
});
