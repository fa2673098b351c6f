import type Database from "better-sqlite3";
import { get, sql } from "../../db/sql.ts";
import { identityStamp } from "./identity.ts";

/**
 * What the columns were built from: event count (from the catalog, so no scan), highest seq, user
 * count and highest id, and the number of imports (a user-attribute import changes created_at);
 * with identity links, their count and the merge setting (identity.ts).
 * Cheap to read on every open; any import changes it.
 */
export function readStamp(db: Database.Database): string {
  const r = get<{ n: number; s: number | null; u: number; mu: number | null; i: number }>(
    db,
    sql`SELECT (SELECT coalesce(sum(count), 0) FROM event_names) AS n, (SELECT max(seq) FROM events) AS s,
        (SELECT count(*) FROM users) AS u, (SELECT max(id) FROM users) AS mu,
        (SELECT count(*) FROM imports) AS i`,
  );
  return `${r ? `${r.n}:${r.s ?? 0}:${r.u}:${r.mu ?? 0}:${r.i}` : "0:0:0:0:0"}${identityStamp(db)}`;
}
