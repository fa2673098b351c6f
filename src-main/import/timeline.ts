import type Database from "better-sqlite3";
import { get, sql } from "../db/sql.ts";
import {
  buildArraysFrom,
  type EventChunk,
  readUsers,
  type TimelineArrays,
  type UserRuns,
  type WorkspaceUsers,
  withNewUsers,
  withUsers,
} from "../engine/columns/build.ts";
import { mergeIdentities } from "../engine/columns/identity.ts";
import { loadColumns, savedStamp } from "../engine/columns/load.ts";
import { mergeArrays } from "../engine/columns/merge.ts";
import { release } from "../engine/columns/release.ts";
import { warnColumnsNotSaved, writeColumns } from "../engine/columns/save.ts";
import { readStamp } from "../engine/columns/stamp.ts";
import { outOfBounds } from "../engine/typed-index.ts";
import { fitsRuns, type GroupJob } from "./group-off-thread.ts";
import { chunksOf, RowBuckets } from "./row-buckets.ts";

// The engine's saved timeline, built from what the inserting thread already holds instead of
// re-reading every event from SQLite after the commit (that re-read was 0.65 s per million rows,
// a third of the import). Into a workspace without events the import's batches are the whole
// timeline; into one with events they are merged into the timeline saved before the import, when
// that one was current. The grouping and sorting are the engine's own (buildArraysFrom,
// mergeArrays), so the result is what the engine builds from the table.

/** The highest seq in the events table, 0 when it has none. */
function lastSeq(db: Database.Database): number {
  return get<{ seq: number | null }>(db, sql`SELECT max(seq) AS seq FROM events`)?.seq ?? 0;
}

export class TimelineCollector {
  private readonly chunks: EventChunk[] = [];
  private rows = 0;
  /** the seq SQLite gives the first inserted row: the highest before it plus one */
  private readonly firstSeq: number;
  /** the workspace's stamp before the import, when it had events and current saved columns */
  private readonly before: string | null;
  /**
   * Into a workspace without events: its users before the import (read while the inserting thread
   * waits for its first batch), so that the timeline does not read a million users back at the end.
   */
  private readonly usersBefore: WorkspaceUsers | null;
  private readonly firstNewUser: number;
  private newUsers = 0;
  /** the users the batches were handed off to be grouped for (handOff), until saveGrouped */
  private handedOff: WorkspaceUsers | null = null;
  /** the rows by bucket of users instead of in chunks (row-buckets.ts), when begin was asked to */
  private readonly buckets: RowBuckets | null;
  /** a row the buckets could not keep: the timeline is then rebuilt from the table */
  private dropped = false;

  private constructor(
    firstSeq: number,
    before: string | null,
    usersBefore: WorkspaceUsers | null,
    firstNewUser: number,
    buckets: RowBuckets | null,
  ) {
    this.firstSeq = firstSeq;
    this.before = before;
    this.usersBefore = usersBefore;
    this.firstNewUser = firstNewUser;
    this.buckets = buckets;
  }

  /**
   * At the start of the import's write transaction: a collector when this import's timeline can be
   * built without re-reading the table, else null (the caller lets the engine rebuild). New users
   * get ids from `nextUser` on. `buckets`: keep the rows of an import into a workspace without
   * events by bucket of users, for the grouping handOff gives away.
   */
  static begin(db: Database.Database, nextUser: number, buckets = false): TimelineCollector | null {
    const maxSeq = lastSeq(db);
    if (maxSeq === 0)
      return new TimelineCollector(1, null, readUsers(db), nextUser, buckets ? new RowBuckets() : null);
    const stamp = readStamp(db);
    return savedStamp(db) === stamp ? new TimelineCollector(maxSeq + 1, stamp, null, nextUser, null) : null;
  }

  /** `count` users were added, with the next ids. */
  addUsers(count: number): void {
    this.newUsers += count;
  }

  /**
   * One batch, in insert order. The arrays are kept, not copied (the caller must not reuse them),
   * unless the rows go into buckets.
   */
  add(uids: Int32Array, eids: Int32Array, times: Float64Array, n: number): void {
    if (this.buckets) {
      if (!this.dropped && !this.buckets.add(uids, eids, times, n)) {
        this.dropped = true;
        this.buckets.take();
      }
      this.rows += n;
      return;
    }
    // kept until the commit: at 100M events every byte per row is 100 MB of the import's peak, so
    // the name codes are kept in the 16 bits the engine stores them in (when they fit, as they must
    // for the engine to encode them at all)
    let codes: Int32Array | Uint16Array = eids;
    let max = 0;
    for (let k = 0; k < n; k++) max |= eids[k] ?? outOfBounds();
    if (max >= 0 && max <= 0xffff) codes = Uint16Array.from(eids.subarray(0, n));
    this.chunks.push({ n, uids, eids: codes, times });
    this.rows += n;
  }

  /** Whether the batches are every row inserted, with consecutive seqs from firstSeq. */
  private holdsEveryRow(db: Database.Database): boolean {
    return !this.dropped && lastSeq(db) === this.firstSeq + this.rows - 1;
  }

  /** Into a workspace without events: its users after the import, as the timeline groups them. */
  private usersAfter(db: Database.Database, before: WorkspaceUsers): WorkspaceUsers {
    return mergeIdentities(db, withNewUsers(before, this.firstNewUser, this.newUsers));
  }

  /** After the last batch, on the inserting connection: the timeline of the workspace, or null. */
  build(db: Database.Database): TimelineArrays | null {
    if (!this.holdsEveryRow(db)) return null;
    if (this.usersBefore !== null) {
      const users = this.usersAfter(db, this.usersBefore);
      const chunks = this.buckets ? chunksOf(this.buckets.take(), this.firstSeq) : this.chunks;
      return buildArraysFrom(db, chunks, this.firstSeq, readStamp(db), users, true);
    }
    if (this.before === null) return null;
    const prev = loadColumns(db, false, false, this.before);
    return prev ? mergeArrays(db, prev, this.chunks, this.firstSeq) : null;
  }

  /**
   * After the last batch, into a workspace without events: the grouping by user for another thread
   * to do (group-off-thread.ts), the batches moved into it; null when this collector builds the
   * timeline itself (save). saveGrouped takes the grouped rows back.
   */
  handOff(db: Database.Database): GroupJob | null {
    if (this.usersBefore === null || !this.holdsEveryRow(db)) return null;
    const users = this.usersAfter(db, this.usersBefore);
    const chunks = this.chunks.splice(0);
    this.handedOff = users;
    return {
      indexOfId: users.indexOfId,
      nUsers: users.userIds.length,
      chunks,
      buckets: this.buckets?.take() ?? null,
      firstSeq: this.firstSeq,
    };
  }

  /** Whether handOff gave the batches away. */
  get grouping(): boolean {
    return this.handedOff !== null;
  }

  /**
   * Saves the timeline of the rows handOff gave away, grouped by the other thread; false when it
   * cannot, as save. `runs` null: the other thread could not group them and has said why.
   */
  saveGrouped(db: Database.Database, runs: UserRuns | null): boolean {
    const users = this.handedOff;
    this.handedOff = null;
    if (runs === null) return false;
    try {
      if (users === null) throw new Error("no rows were handed off to be grouped");
      if (!fitsRuns(runs, users.userIds.length, this.rows))
        throw new Error("the rows grouped by user do not fit the import's users and rows");
      writeColumns(db, withUsers(db, runs, users, readStamp(db)));
      return true;
    } catch (e) {
      warnColumnsNotSaved(e);
      return false;
    }
  }

  /**
   * Saves the timeline built from the batches, inside the import's transaction (one commit, one WAL
   * write; the stamp read here already counts this import). False when it cannot: the savepoint of
   * writeColumns has then undone its part and the import goes on (the caller rebuilds after it).
   */
  save(db: Database.Database): boolean {
    try {
      const arrays = this.build(db);
      // the batches are in the arrays now: free them before writeColumns copies chunks into SQLite
      for (const c of this.chunks) {
        release(c.uids);
        release(c.eids);
        release(c.times);
      }
      this.chunks.length = 0;
      if (!arrays) {
        process.stderr.write(
          "strata: note: the import's rows did not make the whole timeline; the engine's columns are rebuilt from the table\n",
        );
        return false;
      }
      writeColumns(db, arrays);
      return true;
    } catch (e) {
      warnColumnsNotSaved(e);
      return false;
    }
  }
}
