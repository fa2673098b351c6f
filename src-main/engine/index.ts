import type { Query } from "../../src-preload/contract/queries.ts";
import type { Workspace } from "../workspace/workspace.ts";
import { LocalEngine } from "./local.ts";

export { persistColumns } from "./columns/persist.ts";

/** Runs queries against one open workspace. */
export interface QueryEngine {
  run(query: Query, signal?: AbortSignal): Promise<unknown>;
  /** the workspace's events changed (an import finished): rebuild what depends on them */
  invalidate(): void;
  close(): Promise<void>;
}

export function createEngine(ws: Workspace): QueryEngine {
  const local = new LocalEngine(ws.db);
  return {
    run: (query, signal) => local.run(query, signal),
    invalidate: () => local.invalidate(),
    close: async () => {},
  };
}
