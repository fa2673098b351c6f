import type { PoolOptions } from "../../src-main/engine/pool.ts";
import { readSettings } from "../../src-main/engine/read-settings.ts";
import type { Workspace } from "../../src-main/workspace/workspace.ts";

/** A pool of two query workers over `ws`, handed its settings as the app's createEngine does. */
export function twoWorkers(ws: Workspace, save: boolean): PoolOptions {
  return { file: ws.path, save, workers: 2, settings: () => readSettings(ws.db) };
}
