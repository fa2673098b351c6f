import type Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import { isTransientOpenError, openConnection as openFor, sqliteCode } from "../db/connection.ts";

/**
 * The import's own connection to a workspace (worker threads cannot share the app's). A refusal
 * that lasted through openFor's tries is reported as locked, any other failure as not found, each
 * with what SQLite said.
 */
export function openConnection(
  file: string,
  open: (file: string) => Database.Database = (f) => openFor(f, "import"),
): Database.Database {
  try {
    return open(file);
  } catch (e) {
    if (e instanceof StrataError) throw e;
    const code = sqliteCode(e);
    const message = e instanceof Error ? e.message : String(e);
    throw new StrataError(
      isTransientOpenError(e) ? "locked" : "not_found",
      `cannot open ${file}: ${message}${code !== undefined ? ` (${code})` : ""}`,
    );
  }
}
