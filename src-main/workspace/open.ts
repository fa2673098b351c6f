import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import { openConnection } from "../db/connection.ts";
import { statement } from "../db/sql.ts";
import { APP_VERSION } from "../version.ts";
import { checkMeta, checkStructure } from "./check-file.ts";
import { acquireWriteLock, type WriteLock } from "./lock.ts";
import { migrate } from "./migrate.ts";
import { APPLICATION_ID, FORMAT_VERSION } from "./schema.ts";
import { fileIdentity, type VerifiedFiles } from "./verified.ts";

const SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");

export interface OpenedDb {
  db: Database.Database;
  lock: WriteLock | null;
  /** the file's pages were checked at this open, or had been and it has not changed since */
  pagesChecked: boolean;
  /**
   * With `deferPageCheck`: the page check this open still owes, to run once (it throws "corrupt",
   * and records the file as checked when it passes); null when none is owed.
   */
  pageCheck: (() => void) | null;
}

export interface OpenOptions {
  readonly?: boolean;
  quickCheck?: boolean;
  /**
   * The app's record of files whose pages it checked (verified.ts): a file in it that has not
   * changed skips the page check, and a file that passes the check is added to it.
   */
  verified?: VerifiedFiles;
  /**
   * Leave the page check to the caller (OpenedDb.pageCheck), who runs it while something else reads
   * the file: the app's query workers read the engine's columns meanwhile. A writable open of a file
   * that needs migrating is checked before, as ever: nothing writes to a file whose pages are unchecked.
   */
  deferPageCheck?: boolean;
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// A full quick_check reads every page: about a second per few hundred MB. Small files get it whole;
// in a large one every table is checked but those that grow with the data (events, the engine's
// saved columns, users and identities), whose damage surfaces as a "corrupt" error when they are
// read, as SQLite checks each page it reads. users and its index were checked until 5 December
// 2026: at 10M events that was 40 MB read in b-tree order, ~0.5 s of a first open cold, and at
// 100M several seconds. Table names come from an untrusted file, so they are bound as values (the
// connection is read-only here anyway).
const FULL_CHECK_BYTES = 256 * 1024 * 1024;
const BULK_TABLES = new Set(["events", "engine_columns", "users", "identities"]);

function checkPages(db: Database.Database, file: string): void {
  const targets =
    fs.statSync(file).size <= FULL_CHECK_BYTES
      ? [null]
      : (statement(db)`SELECT name FROM sqlite_schema WHERE type = 'table'`.all() as { name: string }[])
          .map((t) => t.name)
          .filter((name) => !BULK_TABLES.has(name));
  for (const table of targets) {
    const rows = (
      table === null
        ? db.pragma("quick_check(1)")
        : statement(db)`SELECT * FROM pragma_quick_check(?)`.all(table)
    ) as {
      quick_check: string;
    }[];
    const result = rows[0]?.quick_check ?? "ok";
    if (result !== "ok") throw new StrataError("corrupt", `${file} is damaged: ${result}`);
  }
}

/** What reading the file for its checks threw, as "corrupt" unless it already says what is wrong. */
function damaged(file: string, error: unknown): StrataError {
  return error instanceof StrataError
    ? error
    : new StrataError("corrupt", `${file} is damaged or not a database: ${describe(error)}`);
}

/**
 * The page check owed by an open that deferred it, through a connection of its own. The file is
 * recorded as checked only when nothing wrote to it while it was checked (a query worker may have
 * saved columns it had to build), since the record vouches for the file as it is.
 */
function checkPagesLater(file: string, verified: VerifiedFiles | undefined): void {
  const before = fileIdentity(file);
  let db: Database.Database | undefined;
  try {
    db = openConnection(file, "inspect", { readonly: true });
    checkPages(db, file);
  } catch (error) {
    throw damaged(file, error);
  } finally {
    db?.close();
  }
  if (before !== null && fileIdentity(file) === before) verified?.remember(file);
}

/**
 * A rollback journal beside the file was left by a writer killed inside a transaction (an import
 * killed while it switched the file to WAL): the file may hold half of that transaction until SQLite
 * undoes it, which it does on the first read by a connection that may write. A read-only look cannot
 * read the file until then, so one such read is made first; when it cannot be (read-only storage, a
 * live writer), the checks below say what is wrong.
 */
function undoHotJournal(file: string): void {
  if (!fs.existsSync(`${file}-journal`)) return;
  try {
    openConnection(file, "recover").close();
  } catch {
    // reported by the read-only look that follows
  }
}

/**
 * When the page check runs: now, not at all, or after the open unless the open is about to write
 * (a writable open of an older format migrates it).
 */
type PagePlan = "now" | "no" | "later";

/**
 * Reads the header and the schema version; changes nothing but a killed writer's half transaction.
 * Returns whether the page check is still owed (planned "later", and the open will not write).
 */
function inspect(file: string, pages: PagePlan, readonly: boolean): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, "r");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new StrataError("not_found", `${file} does not exist`);
    throw new StrataError("internal", `cannot read ${file}: ${describe(err)}`);
  }
  // a folder opens for reading on Linux and fails on the read with a bare EISDIR
  if (fs.fstatSync(fd).isDirectory()) {
    fs.closeSync(fd);
    throw new StrataError("not_strata", `${file} is a folder, not a Strata workspace file`);
  }
  const head = Buffer.alloc(16);
  const bytesRead = fs.readSync(fd, head, 0, 16, 0);
  fs.closeSync(fd);
  if (bytesRead < 16 || !head.equals(SQLITE_MAGIC)) {
    if (head.subarray(0, 8).toString("latin1") === "STRATAEN") {
      throw new StrataError(
        "passphrase",
        `${path.basename(file)} is an encrypted Strata copy: it needs its passphrase`,
      );
    }
    throw new StrataError("not_strata", `${file} is not a Strata workspace (it is not an SQLite database)`);
  }
  undoHotJournal(file);
  let db: Database.Database | undefined;
  try {
    db = openConnection(file, "inspect", { readonly: true });
    const appId = db.pragma("application_id", { simple: true }) as number;
    const version = db.pragma("user_version", { simple: true }) as number;
    if (appId !== APPLICATION_ID) {
      throw new StrataError("not_strata", `${file} is an SQLite database but not a Strata workspace`);
    }
    if (version > FORMAT_VERSION) {
      throw new StrataError(
        "too_new",
        `${file} was written by a newer Strata (format ${version}; this version reads up to ${FORMAT_VERSION}). Update Strata to open it.`,
      );
    }
    checkStructure(db, file, version);
    checkMeta(db, file);
    const owed = pages === "later" && (readonly || version === FORMAT_VERSION);
    if (pages !== "no" && !owed) checkPages(db, file);
    return owed;
  } catch (error) {
    if (error instanceof StrataError) throw error;
    if (error instanceof Error && "code" in error && error.code === "SQLITE_READONLY_ROLLBACK")
      throw new StrataError(
        "corrupt",
        `${file} was left in the middle of a change by a program that stopped, and this copy cannot be written to undo it: open it once where it can be written`,
      );
    throw damaged(file, error);
  } finally {
    db?.close();
  }
}

/**
 * The one way a workspace file is opened (app, every CLI command, workers' owners): header, format,
 * no SQL code, structure and metadata checked before anything reads it. `quickCheck: false` skips
 * the page check (seconds on a large file) for a one-shot read-only query: SQLite reports a damaged
 * page it reads as SQLITE_CORRUPT anyway. With `verified`, a file checked before and unchanged since
 * skips it too (every other check still runs).
 */
export function openDb(file: string, opts: OpenOptions = {}): OpenedDb {
  const readonly = opts.readonly ?? false;
  const wanted = opts.quickCheck ?? true;
  const known = wanted && opts.verified?.has(file) === true;
  const plan: PagePlan = !wanted || known ? "no" : opts.deferPageCheck ? "later" : "now";
  const owed = inspect(file, plan, readonly);
  if (plan !== "no" && !owed) opts.verified?.remember(file);
  const lock = readonly ? null : acquireWriteLock(file);
  try {
    const db = openConnection(file, "workspace", { readonly });
    if (!readonly) migrate(db);
    const opened: OpenedDb = { db, lock, pagesChecked: wanted && !owed, pageCheck: null };
    if (owed) {
      opened.pageCheck = () => {
        opened.pageCheck = null;
        checkPagesLater(file, opts.verified);
        opened.pagesChecked = true;
      };
    }
    return opened;
  } catch (error) {
    lock?.release();
    if (error instanceof StrataError) throw error;
    throw new StrataError("corrupt", `cannot open ${file}: ${describe(error)}`);
  }
}

export function createDb(file: string, timezone = "UTC", verified?: VerifiedFiles): OpenedDb {
  if (fs.existsSync(file))
    throw new StrataError("exists", `${file} already exists; choose another name or open it`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // Built under a temporary name and renamed, so a crash never leaves a half-made workspace.
  const tmp = `${file}.creating-${process.pid}`;
  try {
    const db = openConnection(tmp, "workspace", { create: true });
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db);
    const now = Date.now();
    statement(
      db,
    )`INSERT INTO meta (id, format_version, app_version, timezone, created_at, modified_at) VALUES (1, ?, ?, ?, ?, ?)`.run(
      FORMAT_VERSION,
      APP_VERSION,
      timezone,
      now,
      now,
    );
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.pragma("journal_mode = DELETE");
    db.close();
    fs.renameSync(tmp, file);
  } catch (err) {
    for (const leftover of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(leftover, { force: true });
    throw err;
  }
  return openDb(file, { verified });
}
