import { create } from "zustand";
import type { DashboardTile } from "../../../src-preload/contract/methods/dashboard.ts";
import { call } from "../../api/client.ts";
import { useWorkspace } from "../../store/workspace.ts";

// The workspace dashboard's pins, read from and written to the workspace file. `tiles` is only what
// the Dashboard view shows: every change re-reads the file's pins first, because dashboardSet
// replaces all of them and a list cached from another workspace (or before another window's change)
// would overwrite them.
export interface DashboardState {
  tiles: DashboardTile[] | null;
  load(): Promise<void>;
  pin(reportId: string): Promise<void>;
  unpin(reportId: string): Promise<void>;
  move(reportId: string, by: -1 | 1): Promise<void>;
}

const openPath = () => useWorkspace.getState().info?.path ?? null;

export const useDashboard = create<DashboardState>((set) => {
  // an answer for the workspace that was open when it was asked for, never shown in the next one
  const show = (path: string | null, tiles: DashboardTile[]) => {
    if (openPath() === path) set({ tiles });
  };
  // changes run one after another, so two quick pins each read the other's write
  let queue: Promise<void> = Promise.resolve();
  const change = (edit: (tiles: DashboardTile[]) => DashboardTile[] | null): Promise<void> => {
    const run = queue.then(async () => {
      const path = openPath();
      const { tiles } = await call("dashboardGet", {});
      const next = edit(tiles);
      if (next === null) return show(path, tiles);
      show(path, (await call("dashboardSet", { tiles: next })).tiles);
    });
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    tiles: null,
    load: async () => {
      const path = openPath();
      show(path, (await call("dashboardGet", {})).tiles);
    },
    pin: (reportId) =>
      change((tiles) => (tiles.some((t) => t.reportId === reportId) ? null : [...tiles, { reportId }])),
    unpin: (reportId) => change((tiles) => tiles.filter((t) => t.reportId !== reportId)),
    move: (reportId, by) =>
      change((tiles) => {
        const i = tiles.findIndex((t) => t.reportId === reportId);
        const j = i + by;
        const a = tiles[i];
        const b = tiles[j];
        if (i < 0 || !a || !b) return null;
        const next = [...tiles];
        next[i] = b;
        next[j] = a;
        return next;
      }),
  };
});

// another workspace starts with nothing shown until its Dashboard view loads its own pins
useWorkspace.subscribe((w, before) => {
  if ((w.info?.path ?? null) !== (before.info?.path ?? null)) useDashboard.setState({ tiles: null });
});
