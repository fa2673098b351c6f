import { create } from "zustand";

// Frame-level UI state: which overlay is open, the sidebar's width mode, the Data view's tab.
export interface UiState {
  paletteOpen: boolean;
  shareOpen: boolean;
  sidebarCollapsed: boolean;
  dataTab: "catalog" | "import";
  /** files handed to the import view (from a drop or the File menu) */
  importPaths: string[];
  setPalette(open: boolean): void;
  setShare(open: boolean): void;
  toggleSidebar(): void;
  setDataTab(tab: UiState["dataTab"]): void;
  startImport(paths: string[]): void;
}

export const useUi = create<UiState>((set, get) => ({
  paletteOpen: false,
  shareOpen: false,
  sidebarCollapsed: false,
  dataTab: "catalog",
  importPaths: [],
  setPalette: (paletteOpen) => set({ paletteOpen }),
  setShare: (shareOpen) => set({ shareOpen }),
  toggleSidebar: () => set({ sidebarCollapsed: !get().sidebarCollapsed }),
  setDataTab: (dataTab) => set({ dataTab }),
  startImport: (importPaths) => set({ importPaths, dataTab: "import" }),
}));
