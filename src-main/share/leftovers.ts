import type Database from "better-sqlite3";
import { all, run, sql } from "../db/sql.ts";
import { hasTable } from "../db/tables.ts";
import { hasEmail } from "./email.ts";
import { type SavedScrub, scrubJsonText, textScrubber, UNREADABLE } from "./saved-scrub.ts";

// The other tables of a workspace that hold text, and what `--drop-personal` does to each, so that
// no address it removed from the data stays anywhere in the copy (tests search the copy's bytes):
// - imports.file_name: an address in it is replaced ("leads-[e-mail].csv"); the folder part and the
//   import options (whose error messages quote rows) go from every scrubbed copy (scrub.ts
//   dropDerived), as do the export manifests, the engine's columns and the ClickHouse connection;
// - events.insert_id: an id holding an address (some tools build it from the user) is dropped; it
//   only serves to refuse a row imported twice, and the copy's users were renamed anyway;
// - workspace_settings: the values are JSON (the activity setting lists event names): rewritten
//   like saved definitions, so an excluded event keeps matching its renamed name (one that cannot
//   be read is emptied, and the setting reads as its default);
// - meta holds the format, time zone and as-of; event_names, the catalogs and saved items have
//   their own passes; dashboard_tiles holds report ids only.

/** Scrubs the tables besides users, events' properties and saved items; answers the texts rewritten. */
export function scrubLeftovers(db: Database.Database, scrub: SavedScrub): number {
  const redacted = { count: 0 };
  const text = textScrubber(scrub, redacted);
  if (scrub.values) {
    for (const row of all<{ id: number; file_name: string }>(
      db,
      sql`SELECT id, file_name FROM imports WHERE instr(file_name, '@') > 0`,
    ))
      run(db, sql`UPDATE imports SET file_name = ${text(row.file_name)} WHERE id = ${row.id}`);
    db.function("strata_has_email", { deterministic: true }, (id: unknown) =>
      typeof id === "string" && hasEmail(id) ? 1 : 0,
    );
    run(
      db,
      sql`UPDATE events SET insert_id = NULL WHERE instr(insert_id, '@') > 0 AND strata_has_email(insert_id)`,
    );
  }
  if (hasTable(db, "workspace_settings")) {
    for (const row of all<{ key: string; value: string }>(
      db,
      sql`SELECT key, value FROM workspace_settings`,
    )) {
      const value = scrubJsonText(row.value, text, scrub.gone)?.json ?? UNREADABLE;
      if (value !== row.value)
        run(db, sql`UPDATE workspace_settings SET value = ${value} WHERE key = ${row.key}`);
    }
  }
  return redacted.count;
}
