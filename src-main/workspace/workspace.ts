import path from "node:path";
import type Database from "better-sqlite3";
import type { WorkspaceSettings } from "../../src-preload/contract/settings.ts";
import { leaveInRollbackMode } from "../db/connection.ts";
import { statement } from "../db/sql.ts";
import { createDb, type OpenedDb, openDb } from "./open.ts";
import { type Meta, readMeta, resolveAsOf, writeSettings } from "./settings.ts";

/** An open workspace file: its connection, its write lock, and its settings. */
export class Workspace {
  readonly path: string;
  readonly db: Database.Database;
  readonly readonly: boolean;
  private readonly opened: OpenedDb;
  private closed = false;

  private constructor(file: string, opened: OpenedDb, readonly: boolean) {
    this.path = path.resolve(file);
    this.opened = opened;
    this.db = opened.db;
    this.readonly = readonly;
  }

  static open(file: string, opts: { readonly?: boolean; quickCheck?: boolean } = {}): Workspace {
    return new Workspace(file, openDb(file, opts), opts.readonly ?? false);
  }

  static create(file: string, opts: { timezone?: string } = {}): Workspace {
    return new Workspace(file, createDb(file, opts.timezone), false);
  }

  get name(): string {
    return path.basename(this.path).replace(/\.strata$/i, "");
  }

  meta(): Meta {
    return readMeta(this.db);
  }

  setSettings(s: Partial<WorkspaceSettings>): void {
    writeSettings(this.db, s);
  }

  latestEventMs(): number | null {
    const row = statement(this.db)`SELECT max(last_time) AS t FROM event_names`.get() as { t: number | null };
    return row.t;
  }

  /** The as-of day (YYYY-MM-DD) in the workspace timezone, or in `tz` when given. */
  asOfDate(tz?: string): string {
    const m = this.meta();
    return resolveAsOf(m.asOf, this.latestEventMs(), tz ?? m.timezone);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      if (!this.readonly) {
        this.db.pragma("wal_checkpoint(TRUNCATE)");
        leaveInRollbackMode(this.db);
      }
    } finally {
      this.db.close();
      this.opened.lock?.release();
    }
  }
}
