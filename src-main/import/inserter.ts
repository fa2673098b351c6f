import type Database from "better-sqlite3";
import { StrataError, type StrataErrorData } from "../../src-preload/contract/errors.ts";
import { get, ident, run, type SqlFragment, sql, statement, valueRows } from "../db/sql.ts";
import type { UserRuns } from "../engine/columns/build.ts";
import { outOfBounds } from "../engine/typed-index.ts";
import { writeCatalog } from "../store/catalog-tally.ts";
import { BATCH, mergeUserAttributes } from "../store/event-writer.ts";
import { USERS_EXTERNAL_ID_INDEX } from "../workspace/schema.ts";
import { openConnection } from "./connection.ts";
import type { GroupJob } from "./group-off-thread.ts";
import type { BatchMessage, SinkEnd } from "./pipe-writer.ts";
import { TimelineCollector } from "./timeline.ts";
import { buildUsersIndex } from "./users-index.ts";

// The inserting thread of a two-thread import: owns the write transaction and turns the parsing
// thread's batches into 100-row INSERT statements, while the parsing thread reads on. It answers
// each batch (for back-pressure), the commit and the rollback; its first error stops it.

export type InserterIn =
  /**
   * The codes the parsing thread will give new users and event names, read from its own view of
   * the workspace before this transaction began: checked here, inside it, so that a writer that
   * slipped in between cannot make two users share a code.
   */
  | { type: "begin"; nextUser: number; nextName: number }
  /** one statement built with `sql` on the parsing thread (values bound) */
  | { type: "run"; statement: SqlFragment }
  | BatchMessage
  | ({ type: "catalog" } & SinkEnd)
  /**
   * After the last batch, when the engine's columns are wanted: hand the grouping of the rows to the
   * parsing thread if it can be (answered by "group"), then build the users' index meanwhile ("index")
   */
  | { type: "handOff" }
  | { type: "index" }
  /**
   * with `columns`, the engine's timeline is saved in the same transaction when this thread can build
   * it; `runs`: the rows grouped by the parsing thread after "group" gave it a job (null otherwise, or
   * when it could not)
   */
  | { type: "commit"; columns: boolean; runs: UserRuns | null }
  | { type: "rollback" };

export type InserterOut =
  /** better-sqlite3 is loaded: from now on the thread can be terminated safely */
  | { type: "booted" }
  /** a batch was written */
  | { type: "ack" }
  /** the answer to "handOff": the rows to group by user, or null when this thread saves them itself */
  | { type: "group"; job: GroupJob | null }
  /** `columns` false: the caller rebuilds the columns from the table if it wants them */
  | { type: "committed"; columns: boolean }
  | { type: "rolledBack" }
  | { type: "error"; error: StrataErrorData };

/** Workspaces with at least this many users keep the users' index during an import. */
const KEEP_INDEX_FROM_USERS = 50_000;

/** SQLite's page cache (negative: KiB) while the import only appends, the users' index dropped. */
const APPEND_CACHE_KIB = -16_384;

const NEWLINE = 10;

export class Inserter {
  private readonly db: Database.Database;
  private readonly insertMany: Database.Statement;
  private readonly insertOne: Database.Statement;
  private readonly usersMany: Database.Statement;
  private readonly userOne: Database.Statement;
  private readonly nameOne: Database.Statement;
  private readonly params: (number | string | null)[] = new Array(BATCH * 5);
  private readonly userParams: (number | string)[] = [];
  /** the users' unique index was dropped for this import and is built again before the commit */
  private rebuildIndex = false;
  /** set when the timeline can be built from the batches (see TimelineCollector.begin) */
  private timeline: TimelineCollector | null = null;

  constructor(workspace: string) {
    this.db = openConnection(workspace);
    const db = this.db;
    // The commit writes the WAL and nothing more: the copy into the database file (about 0.2 s per
    // million rows) is left to the parsing thread's connection after the job has answered (see
    // ingest.ts). The page cache is large (connection.ts) while the users' unique index takes
    // random inserts (with an 8 MB cache a 10M-row import of 1M users slowed by 15%), and small when
    // the import drops that index (dropUsersIndex).
    db.pragma("wal_autocheckpoint = 0");
    const prepare = statement(db);
    this.insertOne = prepare`INSERT INTO events (user_id, event_id, time, import_id, properties) VALUES (?, ?, ?, ?, ?)`;
    // OR FAIL: a statement of many rows that may abort halfway has SQLite copy every page it
    // touches again into a statement journal first, to undo its own rows; any error here ends the
    // import, whose rollback undoes them all anyway (at 10M rows 12% of the insert time)
    this.insertMany = prepare`INSERT OR FAIL INTO events (user_id, event_id, time, import_id, properties) VALUES ${valueRows(BATCH, 5)}`;
    this.usersMany = prepare`INSERT OR FAIL INTO users (id, external_id) VALUES ${valueRows(BATCH, 2)}`;
    this.userOne = prepare`INSERT INTO users (id, external_id) VALUES (?, ?)`;
    this.nameOne = prepare`INSERT INTO event_names (id, name) VALUES (?, ?)`;
  }

  handle(message: InserterIn): InserterOut | null {
    switch (message.type) {
      case "begin":
        this.db.exec("BEGIN IMMEDIATE");
        this.checkCodes(message.nextUser, message.nextName);
        this.dropUsersIndex(message.nextUser - 1);
        this.timeline = TimelineCollector.begin(this.db, message.nextUser, true);
        return null;
      case "run":
        run(this.db, message.statement);
        return null;
      case "batch":
        this.batch(message);
        return { type: "ack" };
      case "catalog":
        for (const [id, attrs] of message.attributes) mergeUserAttributes(this.db, id, attrs, null);
        writeCatalog(this.db, message.delta);
        return null;
      case "handOff":
        return { type: "group", job: this.timeline?.handOff(this.db) ?? null };
      case "index":
        this.usersIndex();
        return null;
      case "commit": {
        this.usersIndex();
        const columns = message.columns && this.columns(message.runs);
        this.db.exec("COMMIT");
        this.db.close();
        return { type: "committed", columns };
      }
      case "rollback":
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        this.db.close();
        return { type: "rolledBack" };
    }
  }

  /** Builds the users' index again if this import dropped it (dropUsersIndex; users-index.ts). */
  private usersIndex(): void {
    if (!this.rebuildIndex) return;
    buildUsersIndex(this.db);
    this.rebuildIndex = false;
  }

  /** Saves the timeline of the batches in this transaction (TimelineCollector.save or saveGrouped). */
  private columns(runs: UserRuns | null): boolean {
    const t = this.timeline;
    this.timeline = null;
    if (t === null) return false;
    return t.grouping ? t.saveGrouped(this.db, runs) : t.save(this.db);
  }

  private checkCodes(nextUser: number, nextName: number): void {
    const next = (table: "users" | "event_names") =>
      get<{ next: number }>(
        this.db,
        sql`SELECT coalesce(max(id), 0) + 1 AS next FROM ${ident(table, ["users", "event_names"])}`,
      )?.next ?? 1;
    if (next("users") !== nextUser || next("event_names") !== nextName)
      throw new StrataError(
        "locked",
        "another import wrote to this workspace while this one was starting; start the import again",
      );
  }

  /**
   * Inserting a user into the unique index of external ids is a random B-tree insert: 2.3 us each
   * (a million new users took 3 s of a 10M-row import), where building the index from the table
   * at the end takes 0.7 us a user. So an import into a workspace with few users drops the index
   * inside its transaction (a rollback or a killed process restores it) and builds it before the
   * commit, which also re-checks that no two users share an id. A workspace with many users
   * keeps it: the import may add few, and the rebuild would cost all of them.
   */
  private dropUsersIndex(users: number): void {
    if (users >= KEEP_INDEX_FROM_USERS) return;
    const named = get(
      this.db,
      sql`SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ${USERS_EXTERNAL_ID_INDEX}`,
    );
    // a workspace of format 1 has the constraint, which cannot be dropped (it is migrated on open)
    if (!named) return;
    this.db.exec(`DROP INDEX ${USERS_EXTERNAL_ID_INDEX}`);
    this.rebuildIndex = true;
    // the large cache is for the index's random inserts; without them the rows are appended, and
    // its 128 MB were fresh memory (at 10M rows 45k of the import's 193k page faults, 150 MB of its peak)
    this.db.pragma(`cache_size = ${APPEND_CACHE_KIB}`);
  }

  /** After an error: drop the transaction and the connection. */
  abandon(): void {
    try {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      this.db.close();
    } catch {
      // closing drops the transaction anyway
    }
  }

  private flushUsers(): void {
    const up = this.userParams;
    if (up.length === 2 * BATCH) this.usersMany.run(...up);
    else for (let k = 0; k < up.length; k += 2) this.userOne.run(up[k] as number, up[k + 1] as string);
    up.length = 0;
  }

  /** Writes one batch. */
  private batch(message: BatchMessage): void {
    for (const [id, name] of message.newNames) this.nameOne.run(id, name);
    const up = this.userParams;
    message.newUsers.forEach((ext, k) => {
      up.push(message.firstNewUser + k, ext);
      if (up.length === 2 * BATCH) this.flushUsers();
    });
    if (up.length > 0) this.flushUsers();
    this.timeline?.addUsers(message.newUsers.length);
    const { uids, eids, times } = message;
    this.timeline?.add(uids, eids, times, message.n);

    // one string per row, not one for the batch split into rows: a batch's JSON (~250 KB) made as
    // one string is a large V8 object with fresh pages of its own, and that decode and split cost
    // 0.33 s per million rows against 0.09 s
    const bytes = Buffer.from(message.props.buffer, message.props.byteOffset, message.props.byteLength);
    let at = 0;
    const props = (): string | null => {
      const end = bytes.indexOf(NEWLINE, at);
      if (end < 0) return outOfBounds(); // every row of a batch ends with one (PipeWriter.row)
      const json = end === at ? null : bytes.toString("utf8", at, end);
      at = end + 1;
      return json;
    };
    const params = this.params;
    const imp = message.importId;
    let i = 0;
    for (; i + BATCH <= message.n; i += BATCH) {
      for (let j = 0; j < BATCH; j++) {
        const row = i + j;
        const offset = 5 * j;
        params[offset] = uids[row] ?? outOfBounds();
        params[offset + 1] = eids[row] ?? outOfBounds();
        params[offset + 2] = times[row] ?? outOfBounds();
        params[offset + 3] = imp;
        params[offset + 4] = props();
      }
      // spread, not the array: better-sqlite3 reads an array's elements one Node-API call each (a
      // quarter of the insert's time); arguments it reads from the call's own list
      this.insertMany.run(...params);
    }
    for (; i < message.n; i++)
      this.insertOne.run(
        uids[i] ?? outOfBounds(),
        eids[i] ?? outOfBounds(),
        times[i] ?? outOfBounds(),
        imp,
        props(),
      );
  }
}
