import type Database from "better-sqlite3";
import { Workspace } from "../workspace/workspace.ts";

// `strata query` reads the workspace through a read-only connection. A column its query had to build
// (a property column reads every event's JSON: seconds at 10M events) is saved as the app saves it,
// through a writable open of the same file, so that the next query reads it in a fraction of that.
// The writable open goes through the same door as every other (structure checks, the write lock: a
// workspace the app has open is left alone), only once something needs saving; when none can be had
// the query answers as before and the column is built again next time.

export class ColumnSaver {
  private opened: Workspace | null | undefined;
  private readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  /** A writable connection, opened on first call; null when the workspace cannot be written now. */
  connection(): Database.Database | null {
    if (this.opened === undefined) {
      try {
        this.opened = Workspace.open(this.file, { quickCheck: false });
      } catch {
        this.opened = null;
      }
    }
    return this.opened?.db ?? null;
  }

  close(): void {
    this.opened?.close();
    this.opened = null;
  }
}
