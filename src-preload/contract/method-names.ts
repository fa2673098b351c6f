import type { MethodName } from "./api.ts";

// The method names without their schemas, for the preload bundle (which must stay small and carries
// no validation library). The type check below keeps this list equal to the contract.
export const methodNames = [
  "appInfo",
  "workspaceCreate",
  "workspaceOpen",
  "workspaceOpenDemo",
  "workspaceClose",
  "workspaceInfo",
  "workspaceSetSettings",
  "workspaceSaveAs",
  "dialogOpenWorkspace",
  "dialogNewWorkspace",
  "recentForget",
  "setTheme",
  "savedList",
  "savedGet",
  "savedCreate",
  "savedUpdate",
  "savedDuplicate",
  "savedDelete",
  "queryRun",
  "queryCancel",
  "catalogEvents",
  "catalogProperties",
  "catalogValues",
  "userTimeline",
  "dialogChooseImportFiles",
  "importPreview",
  "importStart",
  "importCancel",
  "importLog",
  "exportPreview",
  "exportStart",
  "exportCancel",
  "exportList",
  "dialogSaveFile",
  "shareCopy",
  "dashboardGet",
  "dashboardSet",
  "clusterStatus",
  "clusterConnect",
  "clusterDisconnect",
  "clusterTest",
  "clusterPush",
  "clusterPushCancel",
] as const satisfies readonly MethodName[];

type Listed = (typeof methodNames)[number];
// Fails to compile when a contract method is missing from the list.
export const everyMethodListed: Exclude<MethodName, Listed> extends never ? true : never = true;

export const IPC_PREFIX = "strata:";
export const EVENT_CHANNEL = "strata:event";
/** the preload tells main which file the user dropped on the window (main accepts only issued paths) */
export const DROPPED_CHANNEL = "strata:dropped";
