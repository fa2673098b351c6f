import { create } from "zustand";
import type { DragSource, DropTarget } from "./drag.ts";

// The drag in progress. HTML5 drag events do not expose their payload during dragover, so the
// source is kept here for drop zones to highlight and validate against.
interface DndState {
  source: DragSource | null;
  over: DropTarget | null;
  begin(s: DragSource): void;
  hover(t: DropTarget | null): void;
  end(): void;
}

export const useDnd = create<DndState>((set) => ({
  source: null,
  over: null,
  begin: (source) => set({ source, over: null }),
  hover: (over) => set({ over }),
  end: () => set({ source: null, over: null }),
}));
