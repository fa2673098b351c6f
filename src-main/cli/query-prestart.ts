import os from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { isClickhouseUrl } from "../clickhouse/is-url.ts";
import { openConnection } from "../db/connection.ts";
import { get, sql } from "../db/sql.ts";
import { dropPrestarted, prestartQueryWorkers } from "../engine/prestart.ts";
import type { QueryThread } from "../engine/query-thread.ts";
import { type OptionSpec, opt, parseArgs } from "./args.ts";

// `strata query` on a workspace large enough for the two query workers (one-shot-engine.ts) starts
// them as its first step, before it loads its own modules (the contract's schemas, the engine) and
// opens the workspace: their start (~0.1 s each: an isolate, the worker bundle, better-sqlite3, a
// connection) then runs beside the main thread's instead of after it. At 100M events the workers
// were started ~0.18-0.22 s into the process. Whether they are used is still decided where it was
// (the saved columns current, the kind split over users, its properties saved); the command ends
// the ones no pool took (engine/prestart.ts). docs/query-path.md, "Workers started ahead".

/** Events from which a query that splits over users runs in two query workers. */
export const SPLIT_FROM_EVENTS = 20_000_000;

export const QUERY_OPTIONS: Record<string, OptionSpec> = { on: { value: true } };

/** The workspace's events, from the catalog of event names (no scan; the columns' stamp counts so too). */
export function catalogEvents(db: Database.Database): number {
  const n = get<{ n: unknown }>(db, sql`SELECT coalesce(sum(count), 0) AS n FROM event_names`)?.n;
  return typeof n === "number" ? n : 0;
}

/**
 * Starts the query workers when the command will likely use them: a local query of a plain
 * workspace of at least `fromEvents` events on two cores or more; returns the threads it started.
 * Anything it cannot tell (bad arguments, a missing, encrypted or foreign file) starts nothing, and
 * a thread that cannot be started (a worker limit) ends the ones before it: the command then runs
 * and reports as it would have.
 */
export function prestartForQuery(argv: string[], fromEvents = SPLIT_FROM_EVENTS): readonly QueryThread[] {
  const none: readonly QueryThread[] = [];
  if (os.availableParallelism() < 2) return none;
  let file: string;
  try {
    const args = parseArgs(argv, QUERY_OPTIONS);
    const [first] = args.positionals;
    if (first === undefined || args.positionals.length !== 2 || (opt(args, "on") ?? "local") !== "local")
      return none;
    if (isClickhouseUrl(first)) return none;
    file = first;
  } catch {
    return none;
  }
  let events = 0;
  try {
    // the catalog as the open reads it: this connection refuses a file with views or triggers
    const db = openConnection(file, "inspect", { readonly: true });
    try {
      events = catalogEvents(db);
    } finally {
      db.close();
    }
  } catch {
    return none;
  }
  if (events < fromEvents) return none;
  try {
    return prestartQueryWorkers(path.resolve(file), 2, false, true);
  } catch {
    void dropPrestarted();
    return none;
  }
}

/**
 * Runs `strata query` with its workers started ahead when it will likely use them; the threads no
 * pool took are ended once the command is done, however it ends (an invalid query, a failed open).
 */
export async function withPrestartedWorkers<T>(argv: string[], run: () => Promise<T>): Promise<T> {
  prestartForQuery(argv);
  try {
    return await run();
  } finally {
    await dropPrestarted();
  }
}
