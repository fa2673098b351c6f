import { StrataError } from "../../src-preload/contract/errors.ts";
import type { Query } from "../../src-preload/contract/queries.ts";
import type { Workspace } from "../workspace/workspace.ts";

/** Runs queries against one open workspace. */
export interface QueryEngine {
  run(query: Query, signal?: AbortSignal): Promise<unknown>;
  /** the workspace's events changed (an import finished): rebuild what depends on them */
  invalidate(): void;
  close(): Promise<void>;
}

export function createEngine(_ws: Workspace): QueryEngine {
  return {
    run: async () => {
      throw new StrataError("internal", "the query engine is not built yet");
    },
    invalidate: () => {},
    close: async () => {},
  };
}
