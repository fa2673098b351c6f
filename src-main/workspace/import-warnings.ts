import type Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import { all, sql } from "../db/sql.ts";
import { hasTable } from "../db/tables.ts";
import type { Store } from "../import/store.ts";

// What an import kept but could not fully read (a revenue figure that is not a number: the event is
// added without revenue) by import, so that the import log says so after the summary is gone. Kept
// in a table made by the first import that has any, not by a format migration: a file without it
// has no warnings, and an older Strata opens a file that has it (it checks only the tables it knows).
// The file may be anyone's: a table of another shape reads as no warnings, and an import refuses to
// write into it rather than fail half-way.

type Counts = Record<string, { count: number; firstLines: number[] }>;

const TABLE = "import_warnings";
/** longer texts are no list of a few reasons and their first lines: read as none */
const MAX_TEXT = 64 * 1024;

function shaped(db: Database.Database): boolean {
  const cols = all<{ name: string }>(db, sql`SELECT name FROM pragma_table_info(${TABLE})`).map(
    (c) => c.name,
  );
  return cols.includes("import_id") && cols.includes("warnings");
}

/**
 * Whether the file has the table, checked before an import's transaction: one of another shape
 * refuses the import as damaged before anything is written.
 */
export function importWarningsTable(db: Database.Database): boolean {
  if (!hasTable(db, TABLE)) return false;
  if (!shaped(db))
    throw new StrataError("corrupt", `${db.name} is damaged: its ${TABLE} table is not one Strata made`);
  return true;
}

/**
 * Records `warnings` for import `importId`, in the import's transaction. A row the file held for
 * that id (`hadTable`: the table was there before the import) is the file's, not this import's:
 * it goes, so that it cannot speak for an import that had none.
 */
export function writeImportWarnings(
  store: Store,
  importId: number,
  warnings: Counts,
  hadTable: boolean,
): void {
  if (hadTable) store.run(sql`DELETE FROM import_warnings WHERE import_id = ${importId}`);
  if (Object.keys(warnings).length === 0) return;
  store.run(
    sql`CREATE TABLE IF NOT EXISTS import_warnings (import_id INTEGER PRIMARY KEY, warnings TEXT NOT NULL)`,
  );
  store.run(
    sql`INSERT INTO import_warnings (import_id, warnings) VALUES (${importId}, ${JSON.stringify(warnings)})`,
  );
}

/** The recorded warnings' text by import id (read as the file's, tolerantly, by the caller). */
export function importWarningTexts(db: Database.Database): Map<number, unknown> {
  if (!hasTable(db, TABLE) || !shaped(db)) return new Map();
  return new Map(
    all<{ import_id: unknown; warnings: unknown }>(
      db,
      sql`SELECT import_id, warnings FROM import_warnings
          WHERE typeof(import_id) = 'integer' AND length(warnings) <= ${MAX_TEXT}`,
    )
      .filter((r): r is { import_id: number; warnings: unknown } => typeof r.import_id === "number")
      .map((r) => [r.import_id, r.warnings]),
  );
}
