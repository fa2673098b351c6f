import type Database from "better-sqlite3";
import { all, run, sql, statement } from "../../db/sql.ts";
import { hasTable } from "../../db/tables.ts";

// Which users a model holds out is a hash of their external id (holdout.ts), so pseudonymizing a
// shared copy, which rewrites every id, moved a fifth of the users across the split and the copy's
// model, scores and top-N% segments differed from the original's (AUC 0.940 against 0.946 on the
// demo). Before the ids are rewritten, share records each user's side of the split here, and the
// copy's models read it.

const TABLE = "propensity_holdout";

/** Each recorded user's side (id -> held out), or null when the file has no such record. */
export function storedHoldout(db: Database.Database): Map<number, boolean> | null {
  if (!hasTable(db, TABLE)) return null;
  // the file may be anyone's: a table of another shape is no record, not an error in every model
  let rows: { id: unknown; held_out: unknown }[];
  try {
    rows = all(db, sql`SELECT id, held_out FROM propensity_holdout`);
  } catch {
    return null;
  }
  const out = new Map<number, boolean>();
  for (const row of rows)
    if (typeof row.id === "number" && (row.held_out === 0 || row.held_out === 1))
      out.set(row.id, row.held_out === 1);
  return out;
}

/** Records every user's side of the split as it is now (kept from an earlier record, else hashed). */
export function recordHoldout(
  db: Database.Database,
  heldOut: (id: number, externalId: string) => boolean,
): void {
  const users = all<{ id: number; external_id: string }>(db, sql`SELECT id, external_id FROM users`);
  const sides = users.map((u) => [u.id, heldOut(u.id, u.external_id) ? 1 : 0] as const);
  run(db, sql`DROP TABLE IF EXISTS propensity_holdout`);
  run(db, sql`CREATE TABLE propensity_holdout (id INTEGER PRIMARY KEY, held_out INTEGER NOT NULL)`);
  const insert = statement(db)`INSERT INTO propensity_holdout (id, held_out) VALUES (?, ?)`;
  db.transaction(() => {
    for (const [id, side] of sides) insert.run(id, side);
  })();
}
