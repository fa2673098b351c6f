import { z } from "zod";
import { method } from "../method.ts";

// The workspace dashboard: saved reports pinned in order. The tiles follow the top bar's date range
// and segment filter, so only the pins are stored (in the workspace file, table dashboard_tiles).

export interface DashboardTile {
  reportId: string;
}

export interface Dashboard {
  tiles: DashboardTile[];
}

export const MAX_TILES = 48;

export const dashboardMethods = {
  dashboardGet: method<Dashboard>()(z.strictObject({})),
  dashboardSet: method<Dashboard>()(
    z.strictObject({
      tiles: z
        .array(z.strictObject({ reportId: z.string().min(1).max(100) }))
        .max(MAX_TILES, `a dashboard holds at most ${MAX_TILES} tiles`),
    }),
  ),
};
