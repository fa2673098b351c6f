import type { Workspace } from "../workspace/workspace.ts";
import type { QueryEngine } from "./engine.ts";
import { WorkerPool } from "./pool.ts";
import { readSettings } from "./read-settings.ts";

export { persistColumns } from "./columns/persist.ts";
export type { QueryEngine } from "./engine.ts";
export { InProcessEngine } from "./in-process-engine.ts";

/**
 * The app's engine: query workers over the workspace file (see pool.ts). The one-shot CLI uses
 * InProcessEngine instead: for a single query, starting workers costs more than they save.
 */
export function createEngine(ws: Workspace, opts: { workers?: number } = {}): QueryEngine {
  const pool = new WorkerPool({
    file: ws.path,
    save: !ws.readonly,
    settings: () => readSettings(ws.db),
    ...opts,
  });
  return {
    run: (query, signal) => pool.run(query, signal),
    memberIds: (segment, signal) => pool.memberIds(segment, signal),
    invalidate: () => void pool.reset(),
    close: () => pool.reset(),
  };
}
