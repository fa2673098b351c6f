import type Database from "better-sqlite3";
import { AsOfSetting, type WorkspaceSettings } from "../../src-preload/contract/settings.ts";
import { get, run, sql } from "../db/sql.ts";
import { clampEventMs, MAX_EVENT_MS, MIN_EVENT_MS } from "../time/bounds.ts";
import { dateInZone } from "../time/zoned.ts";

const FIRST_DAY = new Date(MIN_EVENT_MS).toISOString().slice(0, 10);
const LAST_DAY = new Date(MAX_EVENT_MS - 1).toISOString().slice(0, 10);

function clampDate(d: string): string {
  return d < FIRST_DAY ? FIRST_DAY : d > LAST_DAY ? LAST_DAY : d;
}

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

/**
 * The as-of day: by default the day of the latest event in the workspace, so that an old export
 * does not look dormant because it is old.
 */
export function resolveAsOf(
  asOf: WorkspaceSettings["asOf"],
  latestEventMs: number | null,
  tz: string,
  now = Date.now(),
): string {
  // a stored time outside 1970..2099 (a hostile or hand-edited file) must not move the as-of day
  // to year 9999, where calendar arithmetic breaks and every loop runs for millennia
  if (asOf.mode === "fixed") return clampDate(asOf.date);
  if (asOf.mode === "latest" && latestEventMs !== null) return dateInZone(clampEventMs(latestEventMs), tz);
  return dateInZone(clampEventMs(now), tz);
}
