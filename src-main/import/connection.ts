import Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";

/** The import's own connection to a workspace (worker threads cannot share the app's). */
export function openConnection(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (e) {
    throw new StrataError("not_found", `cannot open ${file}: ${(e as Error).message}`);
  }
  db.pragma("trusted_schema = OFF");
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("cache_size = -131072");
  db.pragma("temp_store = MEMORY");
  // Codes are assigned by the import from the same transaction's tables, so the per-row
  // foreign-key look-ups would only cost time (about a fifth of the insert time on 1M rows).
  db.pragma("foreign_keys = OFF");
  return db;
}
