import type { QueryKind, QueryOf, ResultOf } from "../../src-preload/contract/query-kinds.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";

/**
 * Runs queries against one open workspace, every registered kind exactly (the worker pool in the app,
 * InProcessEngine in the CLI and tests). An engine that approximates or lacks kinds answers through a
 * KindTable instead (kind-table.ts), whose answers say so.
 */
export interface QueryEngine {
  run<K extends QueryKind>(query: QueryOf<K>, signal?: AbortSignal): Promise<ResultOf<K>>;
  /**
   * The segment's members as users.id values, ascending, from one evaluation (an export of a
   * million members reads their rows itself instead of paging through segmentMembers). `timezone`:
   * the zone its time conditions are read in (none: the workspace's).
   */
  memberIds(segment: Segment, signal?: AbortSignal, timezone?: string): Promise<Int32Array>;
  /** the workspace's events changed (an import finished): rebuild what depends on them */
  invalidate(): void;
  close(): Promise<void>;
}
