import os from "node:os";
import type Database from "better-sqlite3";
import type { Query } from "../../src-preload/contract/query-kinds.ts";
import { get, sql } from "../db/sql.ts";
import { savedStamp } from "../engine/columns/load.ts";
import { readStamp } from "../engine/columns/stamp.ts";
import type { QueryEngine } from "../engine/engine.ts";
import { InProcessEngine } from "../engine/in-process-engine.ts";
import { DEFAULT_SESSION_PROPERTY } from "../engine/metrics/session-defaults.ts";
import type { Workspace } from "../workspace/workspace.ts";
import type { ColumnSaver } from "./column-saver.ts";

// Which engine answers `strata query`. One query in this thread (InProcessEngine) until the
// workspace is large: there the app's two query workers (pool.ts) read the saved columns a part each
// at once and run a kind that sums over users on half the users each, which saves more than their
// start costs (~0.1-0.2 s), unless the query reads a property (PROPERTY_KEYS) or the saved columns
// are stale (one thread builds and saves them, as before). At 10M events one thread answers in
// ~0.25 s, workers in ~0.35 s; at 100M the workers took a whole process from 2.4-3.8 s to 1.4-2.0 s
// (docs/query-path.md, "A large workspace in the CLI").

/** Events from which a query that splits over users runs in two query workers. */
export const SPLIT_FROM_EVENTS = 20_000_000;

/**
 * Where a query names an event property or user attribute (its filters, breakdown, measure, the
 * revenue's amount, the sessions' cut, ...), or a saved segment, which may. Each worker would build
 * or read the property's column for itself (13 bytes an event: 1.3 GB at 100M); at 100M two copies
 * took a revenue or rfm process to 3.0 GB for no gain in time (4.1-7.1 s against 3.6-7.4 s in one
 * thread, 2.0 GB).
 */
const PROPERTY_KEYS = new Set([
  "property",
  "monetary",
  "frequencyDistinct",
  "revenueProperty",
  "sessionProperty",
  "holdConstant",
  "by",
  "inSegment",
]);

/** Whether the query (or any part of it) names a property under one of PROPERTY_KEYS. */
export function namesAProperty(x: unknown): boolean {
  if (Array.isArray(x)) return x.some(namesAProperty);
  if (x === null || typeof x !== "object") return false;
  return Object.entries(x).some(
    ([key, value]) => (PROPERTY_KEYS.has(key) && value != null) || namesAProperty(value),
  );
}

/**
 * Whether the query reads a property without naming it: sessions cut by the default session
 * property, which events of this workspace carry.
 */
function readsDefaultProperty(db: Database.Database, query: Query): boolean {
  if (query.kind !== "sessions" || query.sessionProperty !== undefined) return false;
  const name = DEFAULT_SESSION_PROPERTY;
  return get(db, sql`SELECT 1 AS one FROM event_properties WHERE name = ${name} LIMIT 1`) !== undefined;
}

/** The workspace's events, from the catalog of event names (no scan; the columns' stamp counts so too). */
export function catalogEvents(db: Database.Database): number {
  return get<{ n: number }>(db, sql`SELECT coalesce(sum(count), 0) AS n FROM event_names`)?.n ?? 0;
}

/** Whether the saved columns are those of the events now (what the workers read without building). */
function columnsCurrent(db: Database.Database): boolean {
  return savedStamp(db) === readStamp(db);
}

/**
 * The engine for one query on `ws`. `saver`: the writable connection columns a query builds are
 * saved through, opened only when one is built (null: nothing is saved, as for a decrypted copy).
 * The workers never build (current columns, no property), so they save nothing and take no lock.
 */
export async function oneShotEngine(
  ws: Workspace,
  query: Query,
  saver: ColumnSaver | null,
  splitFrom = SPLIT_FROM_EVENTS,
): Promise<QueryEngine> {
  if (
    os.availableParallelism() >= 2 &&
    catalogEvents(ws.db) >= splitFrom &&
    !namesAProperty(query) &&
    !readsDefaultProperty(ws.db, query) &&
    columnsCurrent(ws.db)
  ) {
    // the pool and every kind it can split load only here: a small workspace's query skips them
    const [{ splitsOverWorkers }, { createEngine }] = await Promise.all([
      import("../engine/pool.ts"),
      import("../engine/index.ts"),
    ]);
    // `ws` is the read-only open of `strata query`: its workers save nothing
    if (splitsOverWorkers(query)) return createEngine(ws, { workers: 2, lazy: true });
  }
  return new InProcessEngine(ws.db, { lazy: true, ...(saver ? { saveVia: () => saver.connection() } : {}) });
}
