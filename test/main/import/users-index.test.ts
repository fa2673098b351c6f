import Database from "better-sqlite3";
import { afterEach, expect, it } from "vitest";
import { buildUsersIndex, sortOnDisk } from "../../../src-main/import/users-index.ts";

// The users' index at the end of an import: sorted in SQLite's temporary files by two threads, in
// memory again when the temporary folder fails, and the connection's settings as they were after.

let db: Database.Database | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

/** A users table (ids in no order) on a connection set up as the import's: temporary storage in memory. */
function usersTable(ids: readonly string[]): Database.Database {
  const d = new Database(":memory:");
  d.pragma("temp_store = MEMORY");
  d.exec(
    "CREATE TABLE users (id INTEGER PRIMARY KEY, external_id TEXT NOT NULL, created_at INTEGER, attributes TEXT)",
  );
  const insert = d.prepare("INSERT INTO users (external_id) VALUES (?)");
  for (const id of ids) insert.run(id);
  return d;
}

const settings = (d: Database.Database) => ({
  store: d.pragma("temp_store", { simple: true }),
  threads: d.pragma("threads", { simple: true }),
});

const shuffled = (n: number) => Array.from({ length: n }, (_, i) => `u${(i * 7919) % n}`);

it("builds the unique index in the import's transaction and leaves the settings as they were", () => {
  db = usersTable(shuffled(20_000));
  const before = settings(db);
  db.exec("BEGIN");
  buildUsersIndex(db);
  db.exec("COMMIT");
  expect(settings(db)).toEqual(before);
  expect(before).toEqual({ store: 2, threads: 0 });
  const ids = db
    .prepare("SELECT external_id FROM users INDEXED BY users_external_id ORDER BY external_id")
    .pluck()
    .all();
  expect(ids).toEqual([...shuffled(20_000)].sort());
});

it("refuses two users with one id, and does not try again in memory", () => {
  const d = usersTable(["a", "b", "a"]);
  db = d;
  d.exec("BEGIN");
  expect(() => buildUsersIndex(d)).toThrow(/UNIQUE/);
  expect(settings(d)).toEqual({ store: 2, threads: 0 });
});

it("sorts in memory once more when the temporary folder fails, and only then", () => {
  const d = usersTable([]);
  db = d;
  d.exec("BEGIN");
  const seen: unknown[] = [];
  sortOnDisk(d, () => {
    seen.push(settings(d));
    if (seen.length === 1) throw new Database.SqliteError("database or disk is full", "SQLITE_FULL");
  });
  expect(seen).toEqual([
    { store: 1, threads: 2 },
    { store: 2, threads: 0 },
  ]);
  expect(settings(d)).toEqual({ store: 2, threads: 0 });
  // an I/O error out of a transaction SQLite rolled back is the import's failure, not retried
  d.exec("ROLLBACK");
  let calls = 0;
  expect(() =>
    sortOnDisk(d, () => {
      calls++;
      throw new Database.SqliteError("disk I/O error", "SQLITE_IOERR_WRITE");
    }),
  ).toThrow(/I\/O/);
  expect(calls).toBe(1);
  expect(settings(d)).toEqual({ store: 2, threads: 0 });
});
