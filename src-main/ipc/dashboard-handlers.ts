import type { dashboardMethods } from "../../src-preload/contract/methods/dashboard.ts";
import { readDashboard, writeDashboard } from "../workspace/dashboard.ts";
import type { AreaHandlers } from "./types.ts";

export const dashboardHandlers: AreaHandlers<typeof dashboardMethods> = {
  dashboardGet: (_req, { session }) => readDashboard(session.workspace.db),
  dashboardSet: (req, { session }) => writeDashboard(session.workspace.db, req),
};
