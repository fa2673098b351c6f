import type { Workspace } from "../workspace/workspace.ts";
import { type SavedMeta, savedMetaAsKnown } from "./columns/saved-layout.ts";
import { planTimes } from "./columns/times-share.ts";
import type { QueryEngine } from "./engine.ts";
import { WorkerPool } from "./pool.ts";
import { readSettings } from "./read-settings.ts";

export { persistColumns } from "./columns/save.ts";
export type { QueryEngine } from "./engine.ts";
export { InProcessEngine } from "./in-process-engine.ts";

/**
 * Query workers over the workspace file (see pool.ts), as the app's engine (appEngine) and the CLI's
 * exports use them. The one-shot CLI uses InProcessEngine instead, except on a large workspace
 * (cli/one-shot-engine.ts): for a single query, starting workers costs more than they save. The
 * workers save the columns they build when the workspace is open for writing; `lazy`: see
 * PoolOptions; `layout`: the saved columns' layout the caller has just read (savedMetaAsKnown).
 */
export function createEngine(
  ws: Workspace,
  opts: { workers?: number; startNow?: boolean; lazy?: boolean; layout?: SavedMeta } = {},
): QueryEngine {
  const { startNow, layout, ...sizing } = opts;
  const pool = new WorkerPool({
    file: ws.path,
    save: !ws.readonly,
    settings: () => readSettings(ws.db),
    planTimes: (later) => planTimes(ws.db, later, savedMetaAsKnown(ws.db, layout)),
    ...sizing,
  });
  if (startNow) pool.startNow();
  return {
    run: (query, signal) => pool.run(query, signal),
    memberIds: (segment, signal, timezone) => pool.memberIds(segment, signal, timezone),
    invalidate: () => void pool.reset(),
    close: () => pool.reset(),
  };
}

/**
 * The app's engine: its workers leave the arrays few reports read (the events' seqs and the users'
 * ids: segment flow, member lists, propensity, a property or user-attribute column built anew) out
 * of the open, and each loads them on first use, as `strata query`'s workers do. The first report
 * waits for ~40% fewer bytes: at 10M events an open and four reports took 746-809 ms against
 * 874-900 (bench/engine-child.ts, cold), 310-317 MB against 387-401; at 100M the open and a segment
 * count 2.9 s against 4.0 s. The price: a report that needs them reads them once in each worker (at
 * 100M, 0.4 GB of seqs twice).
 */
export function appEngine(ws: Workspace, startNow = false): QueryEngine {
  return createEngine(ws, { startNow, lazy: true });
}

/**
 * The engine of a workspace whose open deferred its page check (Workspace.owesPageCheck): its query
 * workers start reading the columns, and the check runs meanwhile on this thread (at 10M events each
 * takes ~0.4 s, and the first report waits for both). Throws the check's "corrupt" after ending the
 * workers; the caller closes the workspace.
 */
export function engineWhilePagesChecked(ws: Workspace): QueryEngine {
  const engine = appEngine(ws, true);
  try {
    ws.checkOwedPages();
  } catch (e) {
    void engine.close();
    throw e;
  }
  return engine;
}
