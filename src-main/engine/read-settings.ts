import type Database from "better-sqlite3";
import { statement } from "../db/sql.ts";
import { readMeta } from "../workspace/settings.ts";
import type { Settings } from "./context.ts";

// The settings a query runs with, read from a connection. Apart from context.ts because reading them
// validates the stored as-of setting with the contract's schemas (zod, ~65 ms to load in each
// thread): the app's query workers are handed the settings the pool read and never load them.

export function readSettings(db: Database.Database): Settings {
  const m = readMeta(db);
  const row = statement(db)`SELECT max(last_time) AS t FROM event_names`.get() as { t: number | null };
  return { timezone: m.timezone, weekStart: m.weekStart, asOf: m.asOf, latestEventMs: row.t };
}
