import { create } from "zustand";
import type { RecentFile, WorkspaceInfo } from "../../src-preload/contract/workspace-info.ts";
import { call, StrataError } from "../api/client.ts";

// The open workspace and the app-level facts (recent files, theme). Opening and closing go through
// here so that every view sees one consistent workspace.
export type ThemeChoice = "light" | "dark" | "system";

export interface WorkspaceState {
  info: WorkspaceInfo | null;
  recent: RecentFile[];
  theme: ThemeChoice;
  /** true while a workspace is being opened or created (the start screen shows it) */
  opening: string | null;
  error: StrataError | null;
  /** an encrypted shared copy waiting for its passphrase (features/exports/OpenEncryptedDialog) */
  needsPassphrase: string | null;
  loaded: boolean;
  load(): Promise<void>;
  refresh(): Promise<void>;
  open(path: string): Promise<void>;
  openDemo(): Promise<void>;
  chooseAndOpen(): Promise<void>;
  chooseAndCreate(): Promise<void>;
  close(): Promise<void>;
  /** File > Save As: copies the open workspace to a new file and opens the copy */
  saveAs(): Promise<void>;
  forget(path: string): Promise<void>;
  setTheme(theme: ThemeChoice): void;
  setInfo(info: WorkspaceInfo): void;
  clearError(): void;
  setNeedsPassphrase(path: string | null): void;
}

function asStrataError(e: unknown): StrataError {
  return e instanceof StrataError
    ? e
    : new StrataError("internal", e instanceof Error ? e.message : String(e));
}

export const useWorkspace = create<WorkspaceState>((set, get) => {
  async function opening(label: string, work: () => Promise<WorkspaceInfo | null>) {
    set({ opening: label, error: null });
    try {
      const info = await work();
      if (info) set({ info });
      const app = await call("appInfo", {});
      set({ recent: app.recent });
    } catch (e) {
      set({ error: asStrataError(e) });
    } finally {
      set({ opening: null });
    }
  }
  return {
    info: null,
    recent: [],
    theme: "system",
    opening: null,
    error: null,
    needsPassphrase: null,
    loaded: false,
    load: async () => {
      try {
        const [app, info] = await Promise.all([call("appInfo", {}), call("workspaceInfo", {})]);
        set({ recent: app.recent, theme: app.theme, info, loaded: true });
      } catch (e) {
        set({ error: asStrataError(e), loaded: true });
      }
    },
    refresh: async () => {
      try {
        set({ info: await call("workspaceInfo", {}) });
      } catch (e) {
        set({ error: asStrataError(e) });
      }
    },
    open: (path) =>
      opening(`Opening ${path.split(/[\\/]/).pop() ?? path}…`, () =>
        call("workspaceOpen", { path }).catch((e: unknown) => {
          // an encrypted copy: ask for its passphrase instead of failing
          if (e instanceof StrataError && e.code === "passphrase") {
            set({ needsPassphrase: path });
            return null;
          }
          throw e;
        }),
      ),
    openDemo: () => opening("Preparing the demo workspace…", () => call("workspaceOpenDemo", {})),
    chooseAndOpen: async () => {
      const path = await call("dialogOpenWorkspace", {}).catch(() => null);
      if (path) await get().open(path);
    },
    chooseAndCreate: async () => {
      const path = await call("dialogNewWorkspace", {}).catch(() => null);
      if (path) await opening("Creating workspace…", () => call("workspaceCreate", { path }));
    },
    saveAs: async () => {
      const current = get().info;
      if (!current) return;
      const path = await call("dialogNewWorkspace", { defaultName: `${current.name} copy.strata` }).catch(
        () => null,
      );
      if (path) await opening("Saving a copy…", () => call("workspaceSaveAs", { path }));
    },
    close: async () => {
      await call("workspaceClose", {}).catch(() => null);
      set({ info: null });
      const app = await call("appInfo", {}).catch(() => null);
      if (app) set({ recent: app.recent });
    },
    forget: async (path) => {
      const recent = await call("recentForget", { path }).catch(() => null);
      if (recent) set({ recent });
    },
    setTheme: (theme) => {
      set({ theme });
      call("setTheme", { theme }).catch(() => undefined);
    },
    setInfo: (info) => set({ info }),
    clearError: () => set({ error: null }),
    setNeedsPassphrase: (path) => set({ needsPassphrase: path }),
  };
});
