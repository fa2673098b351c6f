import type Database from "better-sqlite3";
import { USERS_EXTERNAL_ID_INDEX } from "../workspace/schema.ts";

// The users' unique index, built again at the end of an import that dropped it (inserter.ts
// dropUsersIndex). SQLite sorts the ids first, and the import connection keeps its temporary
// storage in memory (connection.ts), where that sort is slow on ids in first-seen order: 10M such
// ids took 16.4 s and 1 GB in a bare probe. In SQLite's own temporary files (opened and unlinked at
// once, so never seen by name, gone with the connection) sorted by two helper threads: 4.6 s and
// 90 MB (1M ids: 1.02 -> 0.55 s). Those files need room in the system's temporary folder (~30 bytes
// an id); when it has none, the index is built in memory as before.
//
// Nothing on the import connection may use SQLite's temporary database (TEMP tables): changing
// temp_store inside the import's transaction fails once that database is open.

/** SQLite's temp_store values: temporary files on disk, or in memory. */
const FILE = 1;
const MEMORY = 2;

export function buildUsersIndex(db: Database.Database): void {
  sortOnDisk(db, () => db.exec(`CREATE UNIQUE INDEX ${USERS_EXTERNAL_ID_INDEX} ON users (external_id)`));
}

/**
 * Runs `build` (a statement whose sort may spill) with SQLite's temporary files on disk and two
 * sorting threads; when the temporary folder fails it (full, unwritable) and the transaction is
 * still open, once more in memory. The connection's settings are as they were afterwards.
 */
export function sortOnDisk(db: Database.Database, build: () => void): void {
  try {
    sortingIn(db, FILE, 2, build);
  } catch (e) {
    // SQLite may have rolled the whole transaction back for an I/O error: then the import fails
    if (!tempFilesFailed(e) || !db.inTransaction) throw e;
    sortingIn(db, MEMORY, 0, build);
  }
}

function sortingIn(db: Database.Database, store: number, threads: number, build: () => void): void {
  const was = {
    store: Number(db.pragma("temp_store", { simple: true })),
    threads: Number(db.pragma("threads", { simple: true })),
  };
  try {
    db.pragma(`temp_store = ${store}`);
    db.pragma(`threads = ${threads}`);
    build();
  } finally {
    db.pragma(`threads = ${was.threads}`);
    db.pragma(`temp_store = ${was.store}`);
  }
}

/** SQLite's codes for a temporary file it could not open or write (not a constraint, not a bug). */
function tempFilesFailed(e: unknown): boolean {
  const code = e instanceof Error && "code" in e ? String(e.code) : "";
  return code === "SQLITE_FULL" || code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_CANTOPEN");
}
