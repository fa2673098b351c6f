import type Database from "better-sqlite3";
import { get, sql } from "../../db/sql.ts";
import { identityStamp } from "./identity.ts";

/**
 * What the columns were built from: event count (from the catalog, so no scan), highest seq, highest
 * user id, and the number of imports (a user-attribute import changes created_at); with identity
 * links, their count and the merge setting (identity.ts). Any import changes it.
 *
 * Read on every open, so every part is an index look-up. The third field held the user count until
 * a cold open showed its full scan of the users' index (20 MB at 10M events) costing more than
 * reading the columns: it is now "-". Users only come with a new, higher id (imports, which also
 * count) and only leave all at once (a scrubbed copy, which drops the columns), so the count told
 * nothing the other fields do not. A stamp saved with a count still matches (see comparableStamp).
 */
export function readStamp(db: Database.Database): string {
  const r = get<{ n: number; s: number | null; mu: number | null; i: number }>(
    db,
    sql`SELECT (SELECT coalesce(sum(count), 0) FROM event_names) AS n, (SELECT max(seq) FROM events) AS s,
        (SELECT max(id) FROM users) AS mu, (SELECT count(*) FROM imports) AS i`,
  );
  return `${r ? `${r.n}:${r.s ?? 0}:-:${r.mu ?? 0}:${r.i}` : "0:0:-:0:0"}${identityStamp(db)}`;
}

/** A saved stamp in today's form: a previous version's user count (third field) becomes "-". */
export function comparableStamp(saved: string): string {
  const f = saved.split(":");
  if (f.length >= 5 && /^\d+$/.test(f[2] ?? "")) f[2] = "-";
  return f.join(":");
}
