import type { Query } from "../../src-preload/contract/queries.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";
import type { Workspace } from "../workspace/workspace.ts";
import { WorkerPool } from "./pool.ts";

export { persistColumns } from "./columns/persist.ts";
export { LocalEngine } from "./local.ts";

/** Runs queries against one open workspace. */
export interface QueryEngine {
  run(query: Query, signal?: AbortSignal): Promise<unknown>;
  /**
   * The segment's members as users.id values, ascending, from one evaluation (an export of a
   * million members reads their rows itself instead of paging through segmentMembers).
   */
  memberIds(segment: Segment, signal?: AbortSignal): Promise<Int32Array>;
  /** the workspace's events changed (an import finished): rebuild what depends on them */
  invalidate(): void;
  close(): Promise<void>;
}

/**
 * The app's engine: query workers over the workspace file (see pool.ts). The one-shot CLI uses
 * LocalEngine instead: for a single query, starting workers costs more than they save.
 */
export function createEngine(ws: Workspace, opts: { workers?: number } = {}): QueryEngine {
  const pool = new WorkerPool({ file: ws.path, save: !ws.readonly, ...opts });
  return {
    run: (query, signal) => pool.run(query, signal),
    memberIds: (segment, signal) => pool.memberIds(segment, signal),
    invalidate: () => void pool.reset(),
    close: () => pool.reset(),
  };
}
