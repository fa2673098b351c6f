import { create } from "zustand";
import type { DashboardTile } from "../../../src-preload/contract/methods/dashboard.ts";
import { call } from "../../api/client.ts";

// The workspace dashboard's pins, read from and written to the workspace file.
export interface DashboardState {
  tiles: DashboardTile[] | null;
  load(): Promise<void>;
  pin(reportId: string): Promise<void>;
  unpin(reportId: string): Promise<void>;
  move(reportId: string, by: -1 | 1): Promise<void>;
}

export const useDashboard = create<DashboardState>((set, get) => {
  const save = async (tiles: DashboardTile[]) => set(await call("dashboardSet", { tiles }));
  const current = async () => {
    const t = get().tiles;
    if (t) return t;
    const d = await call("dashboardGet", {});
    return d.tiles;
  };
  return {
    tiles: null,
    load: async () => set(await call("dashboardGet", {})),
    pin: async (reportId) => {
      const tiles = await current();
      if (!tiles.some((t) => t.reportId === reportId)) await save([...tiles, { reportId }]);
    },
    unpin: async (reportId) => save((await current()).filter((t) => t.reportId !== reportId)),
    move: async (reportId, by) => {
      const tiles = [...(await current())];
      const i = tiles.findIndex((t) => t.reportId === reportId);
      const j = i + by;
      if (i < 0 || j < 0 || j >= tiles.length) return;
      [tiles[i], tiles[j]] = [tiles[j] as DashboardTile, tiles[i] as DashboardTile];
      await save(tiles);
    },
  };
});
