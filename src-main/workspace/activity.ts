import type Database from "better-sqlite3";
import { all, get, run, sql } from "../db/sql.ts";

// Which events count as user activity. Message sends (email_sent, push_sent: things done TO the user)
// are events of that user too, but counting them made every recipient "active", put 0-second
// sessions into Sessions and pushed adoption past 100%. By default every event counts except message
// deliveries, recognized by name; the analyst can set the excluded list explicitly.
//
// Kept in a small key-value table created on first write, so that adding this setting needs no
// format migration: a workspace without the table simply has the default.

export interface ActivitySetting {
  /** event names that do not count as activity */
  exclude: string[];
  /** "default": recognized message deliveries; "analyst": a list the analyst chose */
  source: "default" | "analyst";
}

/** Names of message-delivery events: something sent or delivered to the user, not done by them. */
export function isMessageDelivery(name: string): boolean {
  return /(^|[_\s.:-])(sent|send|delivered|delivery|bounced)$/i.test(name);
}

function hasTable(db: Database.Database): boolean {
  return (
    get<{ n: number }>(
      db,
      sql`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'workspace_settings'`,
    )?.n === 1
  );
}

export function readActivity(db: Database.Database): ActivitySetting {
  if (hasTable(db)) {
    const row = get<{ value: string }>(db, sql`SELECT value FROM workspace_settings WHERE key = 'activity'`);
    const chosen = row ? parseExcluded(row.value) : null;
    if (chosen) return { exclude: chosen, source: "analyst" };
  }
  const names = all<{ name: string }>(db, sql`SELECT name FROM event_names WHERE count > 0 ORDER BY name`);
  return { exclude: defaultExcluded(names.map((n) => n.name)), source: "default" };
}

/** The default rule: of these event names, the message deliveries. */
export function defaultExcluded(eventNames: readonly string[]): string[] {
  return eventNames.filter(isMessageDelivery);
}

/** A stored excluded list (JSON text of names); null when damaged, so the default applies. */
export function parseExcluded(text: string): string[] | null {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((x) => typeof x === "string") ? v : null;
  } catch {
    return null;
  }
}

/** Sets the excluded list; null returns to the default. */
export function writeActivity(db: Database.Database, exclude: readonly string[] | null): void {
  run(db, sql`CREATE TABLE IF NOT EXISTS workspace_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  if (exclude === null) run(db, sql`DELETE FROM workspace_settings WHERE key = 'activity'`);
  else {
    const value = JSON.stringify([...new Set(exclude)].sort());
    run(
      db,
      sql`INSERT INTO workspace_settings (key, value) VALUES ('activity', ${value})
          ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
  }
}
