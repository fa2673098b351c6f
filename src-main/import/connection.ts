import type Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import { openConnection as openFor } from "../db/connection.ts";

/**
 * What SQLite answers while another connection initializes or recovers the file's WAL index, or
 * holds a lock for a moment: the import's two threads open the workspace at the same time (the
 * inserting thread starts while the parsing thread inspects the files), and under load one open
 * failed so (CI, test/main/import/worker.test.ts: "cannot open ...", reported as not found). Such an
 * answer passes in milliseconds; the open is tried again.
 */
const TRANSIENT: ReadonlySet<string> = new Set([
  "SQLITE_BUSY",
  "SQLITE_BUSY_RECOVERY",
  "SQLITE_BUSY_SNAPSHOT",
  "SQLITE_LOCKED",
  "SQLITE_PROTOCOL",
]);

const ATTEMPTS = 5;

/** Blocks this thread for `ms` (an open is synchronous; there is nothing else for it to do). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The import's own connection to a workspace (worker threads cannot share the app's), opened again
 * after a transient refusal; a lasting one says what SQLite said.
 */
export function openConnection(
  file: string,
  open: (file: string) => Database.Database = (f) => openFor(f, "import"),
): Database.Database {
  for (let attempt = 1; ; attempt++) {
    try {
      return open(file);
    } catch (e) {
      if (e instanceof StrataError) throw e;
      const code = e instanceof Error && "code" in e ? e.code : undefined;
      const transient = typeof code === "string" && TRANSIENT.has(code);
      if (transient && attempt < ATTEMPTS) {
        pause(25 * attempt);
        continue;
      }
      const message = e instanceof Error ? e.message : String(e);
      throw new StrataError(
        transient ? "locked" : "not_found",
        `cannot open ${file}: ${message}${typeof code === "string" ? ` (${code})` : ""}`,
      );
    }
  }
}
