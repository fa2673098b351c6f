import Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";

// Every connection to a workspace file is opened here, with the pragmas its role needs, so that a
// safety setting (trusted_schema = OFF: a hostile file's views and triggers cannot call functions
// with side effects) is never forgotten and tuning lives in one table. Defensive mode is on by
// default in better-sqlite3 (we never call unsafeMode).

export type ConnectionRole =
  /** the app's or CLI's own connection to an open workspace */
  | "workspace"
  /** a read-only look at a file not yet trusted (header, schema and page checks; one CLI query) */
  | "inspect"
  /** a query worker's reader, or its writer for saved columns (waits for the app's writes) */
  | "queryWorker"
  /** the import's bulk writer in its worker thread */
  | "import"
  /** a copy being scrubbed for sharing: rollback journal, so the copy stays one file */
  | "scrub"
  /** opened only to let SQLite undo a rollback journal a killed writer left (its first read does) */
  | "recover";

const PRAGMAS: Record<ConnectionRole, { always: string[]; writable: string[] }> = {
  workspace: {
    always: ["trusted_schema = OFF", "foreign_keys = ON", "cache_size = -65536", "temp_store = MEMORY"],
    writable: ["journal_mode = WAL", "synchronous = NORMAL"],
  },
  inspect: { always: ["trusted_schema = OFF"], writable: [] },
  queryWorker: { always: ["trusted_schema = OFF"], writable: ["busy_timeout = 5000"] },
  import: {
    always: ["trusted_schema = OFF"],
    writable: [
      "journal_mode = WAL",
      "synchronous = NORMAL",
      "busy_timeout = 5000",
      "cache_size = -131072",
      "temp_store = MEMORY",
      // codes are assigned by the import from the same transaction's tables, so the per-row
      // foreign-key look-ups would only cost time (about a fifth of the insert time on 1M rows)
      "foreign_keys = OFF",
    ],
  },
  scrub: { always: ["trusted_schema = OFF"], writable: ["journal_mode = DELETE"] },
  recover: { always: ["trusted_schema = OFF"], writable: [] },
};

/**
 * The page size of a new workspace (SQLite's default is 4 KB; a file keeps the size it was made
 * with). An import's commit writes every new page to the WAL and the checkpoint copies it again,
 * and the cost is per page more than per byte: at 1M events (78 MB) the commit took 238 ms with
 * 4 KB pages and 141 ms with 32 KB, the checkpoint 320 against 215 ms; 64 KB saved only 10 ms more
 * and doubles the smallest file (every table and index has a page of its own: 0.7 MB empty at
 * 32 KB, 86 KB at 4 KB). Row inserts are the same at any size (docs/query-path.md).
 */
export const NEW_FILE_PAGE_SIZE = 32_768;

export interface ConnectionOptions {
  readonly?: boolean;
  /** create the file when missing (a new workspace under its temporary name); default: must exist */
  create?: boolean;
}

/**
 * What SQLite answers while another connection initializes or recovers the file's WAL index, or
 * holds a lock for a moment. Two threads often open one workspace at once (the import's parsing and
 * inserting threads, the app and its query workers), and under load one open failed so (CI,
 * test/main/import/worker.test.ts: "cannot open ...", reported as not found). Such an answer passes
 * in milliseconds.
 */
const TRANSIENT_OPEN_CODES: ReadonlySet<string> = new Set([
  "SQLITE_BUSY",
  "SQLITE_BUSY_RECOVERY",
  "SQLITE_BUSY_SNAPSHOT",
  "SQLITE_LOCKED",
  "SQLITE_PROTOCOL",
]);

const OPEN_ATTEMPTS = 5;

/** SQLite's code of a better-sqlite3 error, if it carries one. */
export function sqliteCode(e: unknown): string | undefined {
  const code = e instanceof Error && "code" in e ? e.code : undefined;
  return typeof code === "string" ? code : undefined;
}

/** Whether an open failed only for a moment (and failed again each time it was tried). */
export function isTransientOpenError(e: unknown): boolean {
  const code = sqliteCode(e);
  return code !== undefined && TRANSIENT_OPEN_CODES.has(code);
}

/** Blocks this thread for `ms` (an open is synchronous; there is nothing else for it to do). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * `open()`, tried again after a transient refusal, up to five times in all; the last error, or any
 * other, passes through as it was thrown.
 */
export function retryTransient<T>(open: () => T): T {
  for (let attempt = 1; ; attempt++) {
    try {
      return open();
    } catch (e) {
      if (attempt >= OPEN_ATTEMPTS || !isTransientOpenError(e)) throw e;
      pause(25 * attempt);
    }
  }
}

/**
 * Opens `file` for `role`, again after a transient refusal (retryTransient); better-sqlite3's
 * errors pass through for the caller to name.
 */
export function openConnection(
  file: string,
  role: ConnectionRole,
  opts: ConnectionOptions = {},
): Database.Database {
  return retryTransient(() => openOnce(file, role, opts));
}

function openOnce(file: string, role: ConnectionRole, opts: ConnectionOptions = {}): Database.Database {
  const readonly = opts.readonly ?? false;
  const db = new Database(file, { readonly, fileMustExist: !opts.create });
  try {
    const { always, writable } = PRAGMAS[role];
    for (const p of always) db.pragma(p);
    refuseSchemaCode(db, file); // before a writable pragma changes anything in the file
    // only possible in a new file, before WAL and the first table: lets a rewrite of the engine's
    // columns free the old ones' pages first, so the new ones go in page order at the file's end
    // (freeDeletedPages in engine/columns/save.ts)
    if (opts.create) {
      db.pragma(`page_size = ${NEW_FILE_PAGE_SIZE}`);
      db.pragma("auto_vacuum = INCREMENTAL");
    }
    if (!readonly) for (const p of writable) db.pragma(p);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/**
 * Strata never writes triggers or views, so a file holding any was made or changed by someone else.
 * Every connection refuses it, not only the first open: an import worker or a query worker opens the
 * file again later, and a trigger planted in between must not run on their writes.
 */
function refuseSchemaCode(db: Database.Database, file: string): void {
  const found = db
    .prepare("SELECT type, name FROM sqlite_schema WHERE type IN ('trigger', 'view') LIMIT 3")
    .all() as { type: string; name: string }[];
  if (found.length === 0) return;
  const what = found.map((f) => `${f.type} "${f.name}"`).join(", ");
  throw new StrataError(
    "not_strata",
    `${file} contains SQL that Strata never writes (${what}); it is refused so that nothing in it can run`,
  );
}

/**
 * A closed workspace is left in rollback-journal mode. In WAL mode SQLite must create the `-shm`
 * file beside a database even to read it, so a copy on read-only media (a USB stick, a read-only
 * network share) could not be opened at all; the next writable open switches back to WAL.
 * Every writer calls it as it closes; the last one to close succeeds. Another connection to the
 * file (a reader still closing) keeps it in WAL mode: SQLite refuses the
 * switch with SQLITE_BUSY (or SQLITE_READONLY when the file became read-only under us), and the
 * file is still whole and opens on writable media, so the close goes on.
 */
export function leaveInRollbackMode(db: Database.Database): void {
  try {
    db.pragma("journal_mode = DELETE");
  } catch (e) {
    const code = sqliteCode(e) ?? "";
    if (code !== "SQLITE_BUSY" && !code.startsWith("SQLITE_READONLY")) throw e;
  }
}
