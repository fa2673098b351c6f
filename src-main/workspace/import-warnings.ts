import type Database from "better-sqlite3";
import { all, sql } from "../db/sql.ts";
import { hasTable } from "../db/tables.ts";
import type { Store } from "../import/store.ts";

// What an import kept but could not fully read (a revenue figure that is not a number: the event is
// added without revenue) by import, so that the import log says so after the summary is gone. Kept
// in a table made by the first import that has any, not by a format migration: a file without it
// has no warnings, and an older Strata opens a file that has it (it checks only the tables it knows).

type Counts = Record<string, { count: number; firstLines: number[] }>;

/** Records `warnings` for import `importId`, in the import's transaction; nothing when there are none. */
export function writeImportWarnings(store: Store, importId: number, warnings: Counts): void {
  if (Object.keys(warnings).length === 0) return;
  store.run(
    sql`CREATE TABLE IF NOT EXISTS import_warnings (import_id INTEGER PRIMARY KEY, warnings TEXT NOT NULL)`,
  );
  store.run(
    sql`INSERT OR REPLACE INTO import_warnings (import_id, warnings) VALUES (${importId}, ${JSON.stringify(warnings)})`,
  );
}

/** The recorded warnings' text by import id (read as the file's, tolerantly, by the caller). */
export function importWarningTexts(db: Database.Database): Map<number, unknown> {
  if (!hasTable(db, "import_warnings")) return new Map();
  return new Map(
    all<{ import_id: unknown; warnings: unknown }>(db, sql`SELECT import_id, warnings FROM import_warnings`)
      .filter((r): r is { import_id: number; warnings: unknown } => typeof r.import_id === "number")
      .map((r) => [r.import_id, r.warnings]),
  );
}
