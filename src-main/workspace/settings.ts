import type Database from "better-sqlite3";
import { AsOfSetting, type WorkspaceSettings } from "../../src-preload/contract/settings.ts";
import { get, run, sql } from "../db/sql.ts";

interface MetaRow {
  format_version: number;
  app_version: string;
  timezone: string;
  as_of: string;
  week_start: "monday" | "sunday";
  created_at: number;
  modified_at: number;
}

export interface Meta extends WorkspaceSettings {
  formatVersion: number;
  appVersion: string;
  createdAt: number;
  modifiedAt: number;
}

export function readMeta(db: Database.Database): Meta {
  const row = get<MetaRow>(db, sql`SELECT * FROM meta WHERE id = 1`);
  if (!row) throw new Error("workspace has no metadata row");
  let stored: unknown = null;
  try {
    stored = JSON.parse(row.as_of);
  } catch {
    // a damaged setting falls back to the default below
  }
  const parsed = AsOfSetting.safeParse(stored);
  return {
    formatVersion: row.format_version,
    appVersion: row.app_version,
    timezone: row.timezone,
    asOf: parsed.success ? parsed.data : { mode: "latest" },
    weekStart: row.week_start,
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
  };
}

export function writeSettings(db: Database.Database, s: Partial<WorkspaceSettings>): void {
  const cur = readMeta(db);
  const next = { ...cur, ...s };
  run(
    db,
    sql`UPDATE meta SET timezone = ${next.timezone}, as_of = ${JSON.stringify(next.asOf)},
        week_start = ${next.weekStart}, modified_at = ${Date.now()} WHERE id = 1`,
  );
}

export function touch(db: Database.Database): void {
  run(db, sql`UPDATE meta SET modified_at = ${Date.now()} WHERE id = 1`);
}
