import { create, type StoreApi, type UseBoundStore } from "zustand";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { keepPerWorkspace } from "../../store/per-workspace.ts";
import { canRedo, canUndo, type History, record, redo, startHistory, undo } from "./history.ts";
import { fromSegment, type GroupNode, toSegment } from "./tree.ts";

// The segment being edited: its saved id and name, the tree with undo/redo, and the JSON it was
// last saved as (to show "unsaved changes"). Lives outside the view so the sidebar can open saved
// segments into it and switching views keeps the draft.
export interface SegmentEditor {
  savedId: string | null;
  name: string;
  history: History<GroupNode>;
  savedJson: string | null;
  /** the node to focus after a keyboard move or a drop */
  focusId: string | null;
  /**
   * Unsaved edits that another segment replaced (opened from the sidebar, a template, a chart):
   * kept, not lost, until the analyst restores or discards them.
   */
  setAside: {
    name: string;
    savedId: string | null;
    history: History<GroupNode>;
    savedJson: string | null;
  } | null;
  restoreSetAside(): void;
  discardSetAside(): void;
  load(name: string, segment: Segment, savedId?: string | null): void;
  apply(fn: (root: GroupNode) => GroupNode, coalesceKey?: string | null, focusId?: string | null): void;
  undo(): void;
  redo(): void;
  markSaved(id: string, name: string): void;
  setName(name: string): void;
}

export const EMPTY: Segment = { all: [] };

export type SegmentEditorStore = UseBoundStore<StoreApi<SegmentEditor>>;

/**
 * A segment editor of its own: the builder edits one of these. The app's segment builder uses the
 * shared one below; a view that builds a segment inline (a segment flow's state) makes its own, so
 * it never disturbs the segment being edited there.
 */
export function createSegmentEditor(): SegmentEditorStore {
  return create<SegmentEditor>((set, get) => ({
    savedId: null,
    name: "Untitled segment",
    history: startHistory(fromSegment(EMPTY)),
    savedJson: null,
    focusId: null,
    setAside: null,
    load: (name, segment, savedId = null) => {
      const root = fromSegment(segment);
      const cur = get();
      if (isDirty(cur))
        set({
          setAside: { name: cur.name, savedId: cur.savedId, history: cur.history, savedJson: cur.savedJson },
        });
      set({
        name,
        savedId,
        history: startHistory(root),
        savedJson: savedId ? JSON.stringify(toSegment(root)) : null,
        focusId: null,
      });
    },
    apply: (fn, coalesceKey = null, focusId = null) => {
      const h = get().history;
      const next = fn(h.present);
      if (next === h.present) return;
      set({ history: record(h, next, coalesceKey), focusId });
    },
    undo: () => set({ history: undo(get().history), focusId: null }),
    redo: () => set({ history: redo(get().history), focusId: null }),
    markSaved: (id, name) =>
      set({ savedId: id, name, savedJson: JSON.stringify(toSegment(get().history.present)) }),
    setName: (name) => set({ name }),
    restoreSetAside: () => {
      const a = get().setAside;
      if (!a) return;
      const cur = get();
      set({
        ...a,
        focusId: null,
        setAside: isDirty(cur)
          ? { name: cur.name, savedId: cur.savedId, history: cur.history, savedJson: cur.savedJson }
          : null,
      });
    },
    discardSetAside: () => set({ setAside: null }),
  }));
}

export const useSegmentEditor = createSegmentEditor();

export function isDirty(e: Pick<SegmentEditor, "history" | "savedJson">): boolean {
  const now = JSON.stringify(toSegment(e.history.present));
  return e.savedJson === null ? now !== JSON.stringify(EMPTY) : now !== e.savedJson;
}

export { canRedo, canUndo };

keepPerWorkspace(useSegmentEditor, ["savedId", "name", "history", "savedJson", "focusId", "setAside"]);
