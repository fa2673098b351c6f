import path from "node:path";
import type Database from "better-sqlite3";
import { resolveAsOf } from "../../src-preload/contract/as-of.ts";
import type { WorkspaceSettings } from "../../src-preload/contract/settings.ts";
import { leaveInRollbackMode } from "../db/connection.ts";
import { statement } from "../db/sql.ts";
import { createDb, type OpenedDb, type OpenOptions, openDb } from "./open.ts";
import { type Meta, readMeta, writeSettings } from "./settings.ts";
import type { VerifiedFiles } from "./verified.ts";

/** An open workspace file: its connection, its write lock, and its settings. */
export class Workspace {
  readonly path: string;
  readonly db: Database.Database;
  readonly readonly: boolean;
  private readonly opened: OpenedDb;
  private readonly verified: VerifiedFiles | undefined;
  private closed = false;

  private constructor(file: string, opened: OpenedDb, readonly: boolean, verified?: VerifiedFiles) {
    this.path = path.resolve(file);
    this.opened = opened;
    this.db = opened.db;
    this.readonly = readonly;
    this.verified = verified;
  }

  static open(file: string, opts: OpenOptions = {}): Workspace {
    return new Workspace(file, openDb(file, opts), opts.readonly ?? false, opts.verified);
  }

  static create(file: string, opts: { timezone?: string; verified?: VerifiedFiles } = {}): Workspace {
    return new Workspace(file, createDb(file, opts.timezone, opts.verified), false, opts.verified);
  }

  /** The open deferred its page check (OpenOptions.deferPageCheck) and it has not run yet. */
  get owesPageCheck(): boolean {
    return this.opened.pageCheck !== null;
  }

  /** Runs the page check this open deferred, if it owes one: throws "corrupt" when it fails. */
  checkOwedPages(): void {
    this.opened.pageCheck?.();
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
      // a checked file that only Strata wrote since (under the write lock) is still a checked file:
      // recorded as it is now, so that the next open does not check it again (docs/security.md)
      if (!this.readonly && this.opened.pagesChecked && this.opened.lock) this.verified?.remember(this.path);
      this.opened.lock?.release();
    }
  }
}
