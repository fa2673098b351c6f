import os from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { isClickhouseUrl } from "../clickhouse/is-url.ts";
import { openConnection } from "../db/connection.ts";
import { get, sql } from "../db/sql.ts";
import { prestartQueryWorkers } from "../engine/prestart.ts";
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
  return get<{ n: number }>(db, sql`SELECT coalesce(sum(count), 0) AS n FROM event_names`)?.n ?? 0;
}

/**
 * Starts the query workers when the command will likely use them: a local query of a plain
 * workspace of at least `fromEvents` events on two cores or more. Anything it cannot tell (bad
 * arguments, a missing, encrypted or foreign file) starts nothing: the command reports it as before.
 */
export function prestartForQuery(argv: string[], fromEvents = SPLIT_FROM_EVENTS): void {
  if (os.availableParallelism() < 2) return;
  let file: string;
  try {
    const args = parseArgs(argv, QUERY_OPTIONS);
    const [first] = args.positionals;
    if (first === undefined || args.positionals.length !== 2 || (opt(args, "on") ?? "local") !== "local")
      return;
    if (isClickhouseUrl(first)) return;
    file = first;
  } catch {
    return;
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
    return;
  }
  if (events >= fromEvents) prestartQueryWorkers(path.resolve(file), 2, false, true);
}
