import { createContext, useContext } from "react";
import { type SegmentEditorStore, useSegmentEditor } from "./editor-store.ts";

// Which segment editor the builder's blocks, palette and add menu act on: the app's shared one
// unless a view provides its own (see createSegmentEditor).
export const SegmentEditorContext = createContext<SegmentEditorStore>(useSegmentEditor);

export function useEditorStore(): SegmentEditorStore {
  return useContext(SegmentEditorContext);
}
