import { type BrowserWindow, dialog } from "electron";
import type { Dialogs } from "./ipc/types.ts";

const WORKSPACE = [{ name: "Strata workspace", extensions: ["strata"] }];

export function electronDialogs(win: () => BrowserWindow | null): Dialogs {
  const parent = () => win() ?? undefined;
  return {
    async openWorkspace() {
      const w = parent();
      const r = await (w
        ? dialog.showOpenDialog(w, { properties: ["openFile"], filters: WORKSPACE })
        : dialog.showOpenDialog({ properties: ["openFile"], filters: WORKSPACE }));
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async newWorkspace(defaultName) {
      const w = parent();
      const opts = { defaultPath: defaultName, filters: WORKSPACE };
      const r = await (w ? dialog.showSaveDialog(w, opts) : dialog.showSaveDialog(opts));
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async chooseImportFiles() {
      const opts = {
        properties: ["openFile" as const, "multiSelections" as const],
        filters: [
          { name: "Event exports", extensions: ["csv", "tsv", "txt", "json", "ndjson", "jsonl", "gz"] },
          { name: "All files", extensions: ["*"] },
        ],
      };
      const w = parent();
      const r = await (w ? dialog.showOpenDialog(w, opts) : dialog.showOpenDialog(opts));
      return r.canceled ? [] : r.filePaths;
    },
    async saveFile(defaultName, filters) {
      const opts = {
        defaultPath: defaultName,
        filters: filters.length > 0 ? [{ name: filters.join(", "), extensions: filters }] : [],
      };
      const w = parent();
      const r = await (w ? dialog.showSaveDialog(w, opts) : dialog.showSaveDialog(opts));
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async confirmClusterServer({ url, user, workspace }) {
      const opts = {
        type: "warning" as const,
        buttons: ["Cancel", "Connect"],
        defaultId: 0,
        cancelId: 0,
        title: "Connect to a ClickHouse cluster",
        message: `Connect "${workspace}" to ${url} as ${user}?`,
        detail: "Pushing sends this workspace's events to that server. Connect only to a server you trust.",
      };
      const w = parent();
      const r = await (w ? dialog.showMessageBox(w, opts) : dialog.showMessageBox(opts));
      return r.response === 1;
    },
  };
}
