import { catalogHandlers } from "./catalog-handlers.ts";
import { clusterHandlers } from "./cluster-handlers.ts";
import { dashboardHandlers } from "./dashboard-handlers.ts";
import { exportHandlers } from "./export-handlers.ts";
import { importHandlers } from "./import-handlers.ts";
import { queryHandlers } from "./query-handlers.ts";
import { savedHandlers } from "./saved-handlers.ts";
import type { HandlerTable } from "./types.ts";
import { workspaceHandlers } from "./workspace-handlers.ts";

// Every contract method has exactly one handler; the type fails to compile when one is missing.
export const handlers: HandlerTable = {
  ...workspaceHandlers,
  ...savedHandlers,
  ...queryHandlers,
  ...catalogHandlers,
  ...importHandlers,
  ...exportHandlers,
  ...dashboardHandlers,
  ...clusterHandlers,
};
