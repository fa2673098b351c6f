import { createHmac } from "node:crypto";
import type Database from "better-sqlite3";
import { jsonDepth } from "../../src-preload/contract/json-depth.ts";
import { deleteConnection } from "../clickhouse/connection.ts";
import { all, run, sql } from "../db/sql.ts";
import { hasTable } from "../db/tables.ts";
import { isPersonalName } from "./personal.ts";
import { renameUserIds } from "./rename-ids.ts";

// Scrubbing runs on the COPY's own connection, never on the original workspace.

export const squash = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** Personal by name (personal.ts has the rules; values are checked there too). */
export function isPersonal(name: string): boolean {
  return isPersonalName(name);
}

/** Keyed pseudonym of a user id: HMAC-SHA256 under the analyst's key, hex. Same id, same pseudonym. */
export function pseudonym(key: string, id: string): string {
  return createHmac("sha256", key).update(id, "utf8").digest("hex");
}

/** Keeps the saved segments and reports (with their last results) and the settings; drops the data. */
export function dropEvents(db: Database.Database, asOf: string): void {
  db.exec(`DELETE FROM events; DELETE FROM event_properties; DELETE FROM users; DELETE FROM user_properties;
           DELETE FROM imports; UPDATE event_names SET count = 0;`);
  // the links between anonymous and identified ids are data about users too, and name them
  if (hasTable(db, "identities")) run(db, sql`DELETE FROM identities`);
  if (hasTable(db, "import_warnings")) run(db, sql`DELETE FROM import_warnings`);
  // "latest" would follow events that are gone: pin the day the saved results were computed for
  run(db, sql`UPDATE meta SET as_of = ${JSON.stringify({ mode: "fixed", date: asOf })} WHERE id = 1`);
}

function pseudonymizeResult(key: string, v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => pseudonymizeResult(key, x));
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    out[k] = k === "userId" && typeof x === "string" ? pseudonym(key, x) : pseudonymizeResult(key, x);
  }
  return out;
}

/** Replaces every user id by its pseudonym under `key`; answers how many users were renamed. */
export function pseudonymize(db: Database.Database, key: string): number {
  // the identity links too, with the same function, so that the copy still merges the same users
  const renamed = renameUserIds(db, (id) => pseudonym(key, id), "every");
  // insert ids may be built from the user id ("<user>-<time>"), and they only refuse rows of the
  // raw source imported again, whose users the copy no longer names
  run(db, sql`UPDATE events SET insert_id = NULL WHERE insert_id IS NOT NULL`);
  // saved results that list users (members previews) carry their ids too
  for (const item of all<{ id: string; last_result: string }>(
    db,
    sql`SELECT id, last_result FROM saved_items WHERE last_result IS NOT NULL`,
  )) {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(item.last_result);
    } catch {
      // a damaged cache is dropped below
    }
    // a result nested past any Strata makes (a hostile file) is a cache: dropped, not walked
    const next =
      parsed !== null && jsonDepth(parsed, 64) <= 64 ? JSON.stringify(pseudonymizeResult(key, parsed)) : null;
    run(db, sql`UPDATE saved_items SET last_result = ${next} WHERE id = ${item.id}`);
  }
  return renamed;
}

/**
 * What any scrubbed copy loses: caches that may hold ids or values, traces of the analyst's disk,
 * the import options (a failed import's message quotes the row and the path it failed on), and the
 * analyst's ClickHouse connection (a recipient would push the copy into the analyst's cluster).
 */
export function dropDerived(db: Database.Database): void {
  db.exec(
    "DELETE FROM engine_columns; DELETE FROM exports; UPDATE imports SET file_path = file_name, options = '{}';",
  );
  deleteConnection(db);
}
