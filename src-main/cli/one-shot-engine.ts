import os from "node:os";
import type Database from "better-sqlite3";
import type { Query } from "../../src-preload/contract/query-kinds.ts";
import { get, sql } from "../db/sql.ts";
import { readMeta } from "../engine/columns/prop-store.ts";
import { savedMeta } from "../engine/columns/saved-layout.ts";
import { valuesSaved } from "../engine/columns/sparse-store.ts";
import { comparableStamp, readStamp } from "../engine/columns/stamp.ts";
import type { QueryEngine } from "../engine/engine.ts";
import { InProcessEngine } from "../engine/in-process-engine.ts";
import { columnsRead, valuesOnly } from "../engine/property-names.ts";
import type { Workspace } from "../workspace/workspace.ts";
import type { ColumnSaver } from "./column-saver.ts";
import { catalogEvents, SPLIT_FROM_EVENTS } from "./query-prestart.ts";

// Which engine answers `strata query`. One query in this thread (InProcessEngine) until the
// workspace is large: there the app's two query workers (pool.ts) read the saved columns a part each
// at once and run a kind that sums over users on half the users each, which saves more than their
// start costs (~0.1-0.2 s), unless the saved columns are stale (one thread builds and saves them, as
// before) or the query reads a property whose column is not saved for these events (each worker
// would build its own). A saved event property column the workers read a share each, into memory
// they share (columns/shared-prop.ts). At 10M events one thread answers in ~0.25 s, workers in
// ~0.35 s; at 100M the workers took a whole process from 2.4-3.8 s to 1.4-2.0 s (docs/query-path.md,
// "A large workspace in the CLI").

/** Whether the query (or any part of it) names a saved segment, whose properties cannot be seen here. */
export function namesASegment(x: unknown): boolean {
  if (Array.isArray(x)) return x.some(namesASegment);
  if (x === null || typeof x !== "object") return false;
  return Object.entries(x).some(
    ([key, value]) => (key === "inSegment" && value != null) || namesASegment(value),
  );
}

/** Whether events of the workspace carry the property (the catalog: no scan). */
function eventsCarry(db: Database.Database, name: string): boolean {
  return get(db, sql`SELECT 1 AS one FROM event_properties WHERE name = ${name} LIMIT 1`) !== undefined;
}

/**
 * Whether every property the query reads is an event property whose saved column (or, for a rare
 * property, its saved values) was built against the saved timeline (`timelineStamp`, as saved: a
 * column keeps its timeline's stamp as it was, and the workers compare the two so), which the
 * workers read a share each (or one of them makes from the values, for all). A user attribute (each
 * worker would read its own column) or a column not saved keeps the query in this thread, which
 * builds and saves it. A property the query reads only where events have a value (revenue's,
 * rfm's) needs those values saved, unless `canSave` says this thread could not save them either
 * (no writable open: the app holds the workspace, or read-only storage): the workers then take
 * them from the shared column.
 */
export function columnsSavedFor(
  db: Database.Database,
  query: Query,
  timelineStamp: string,
  canSave: () => boolean = () => true,
): boolean {
  const values = valuesOnly(query);
  return columnsRead(query, (name) => eventsCarry(db, name)).every((name) => {
    if (get(db, sql`SELECT 1 AS one FROM user_properties WHERE name = ${name}`) !== undefined) return false;
    const savedValues = valuesSaved(db, name, timelineStamp);
    // a rare property is saved as its values only, which make its column (timeline.ts saved())
    const column = readMeta(db, "event", name)?.stamp === timelineStamp || savedValues;
    if (!values.includes(name)) return column;
    return savedValues || (column && !canSave());
  });
}

/**
 * The engine for one query on `ws`. `saver`: the writable connection columns a query builds are
 * saved through, opened only when one is built (null: nothing is saved, as for a decrypted copy).
 * The workers are given current columns and saved property columns (or a rare property's saved
 * values, which one of them turns into the column for all), so they save nothing and take no lock.
 */
export async function oneShotEngine(
  ws: Workspace,
  query: Query,
  saver: ColumnSaver | null,
  splitFrom = SPLIT_FROM_EVENTS,
): Promise<QueryEngine> {
  if (os.availableParallelism() >= 2 && catalogEvents(ws.db) >= splitFrom && !namesASegment(query)) {
    const saved = savedMeta(ws.db);
    if (
      !saved ||
      comparableStamp(saved.stamp) !== readStamp(ws.db) ||
      !columnsSavedFor(ws.db, query, saved.stamp, () => saver !== null && saver.connection() !== null)
    )
      return oneThread(ws, saver);
    // the pool and every kind it can split load only here: a small workspace's query skips them
    const [{ splitsOverWorkers }, { createEngine }] = await Promise.all([
      import("../engine/pool.ts"),
      import("../engine/index.ts"),
    ]);
    // `ws` is the read-only open of `strata query`: its workers save nothing
    if (splitsOverWorkers(query)) return createEngine(ws, { workers: 2, lazy: true, layout: saved });
  }
  return oneThread(ws, saver);
}

function oneThread(ws: Workspace, saver: ColumnSaver | null): QueryEngine {
  return new InProcessEngine(ws.db, { lazy: true, ...(saver ? { saveVia: () => saver.connection() } : {}) });
}
