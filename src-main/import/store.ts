import type { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import { get, run, type SqlFragment, sql } from "../db/sql.ts";
import type { UserRuns } from "../engine/columns/build.ts";
import { warnColumnsNotSaved } from "../engine/columns/save.ts";
import { type Dictionaries, type EventSink, EventWriter } from "../store/event-writer.ts";
import { type GroupJob, groupJob, runsTransfer } from "./group-off-thread.ts";
import type { InserterIn, InserterOut } from "./inserter.ts";
import { type BatchMessage, PipeWriter } from "./pipe-writer.ts";
import { type InserterThread, inserterWorker, takePrestarted } from "./prestart.ts";
import { TimelineCollector } from "./timeline.ts";
import type { UserDict } from "./user-dict.ts";

// Where an import's writes go. LocalStore writes on the parsing thread's own connection (user
// imports and files with insert ids, whose duplicates must be known row by row). PipeStore hands
// encoded batches to a second thread that inserts while this one parses: the two halves of the
// work take about the same time, so on two cores the import takes about as long as the longer one.

export interface Store {
  /** starts the write transaction; `dict` is the parsing thread's view of the codes */
  begin(dict: Dictionaries): void;
  /** one statement built with `sql` (values bound) */
  run(q: SqlFragment): void;
  sink(importId: number, dict: Dictionaries): EventSink;
  /** writes what the sink still holds and its catalog tally; then sink.usersAdded is final */
  finishSink(sink: EventSink): Promise<void>;
  /** waits while the inserting side is behind; throws its error */
  pressure(): Promise<void>;
  /** with `columns`, saves the engine's columns in the same transaction when it can: true if so */
  commit(columns: boolean): Promise<boolean>;
  rollback(): Promise<void>;
}

export class LocalStore implements Store {
  private readonly db: Database.Database;
  /**
   * build the timeline from the rows written: event imports only (a users import changes
   * created_at, which the collector does not see)
   */
  private readonly events: boolean;
  /** set when the timeline can be built from the rows written (see TimelineCollector.begin) */
  private timeline: TimelineCollector | null = null;
  constructor(db: Database.Database, events = false) {
    this.db = db;
    this.events = events;
  }
  begin(dict: Dictionaries): void {
    this.db.exec("BEGIN IMMEDIATE");
    if (!this.events) return;
    // the codes the writer will give new users must be the table's next ones, inside this transaction
    const next = get<{ next: number }>(
      this.db,
      sql`SELECT coalesce(max(id), 0) + 1 AS next FROM users`,
    )?.next;
    if (next === dict.nextUserId) this.timeline = TimelineCollector.begin(this.db, next);
  }
  run(q: SqlFragment): void {
    run(this.db, q);
  }
  sink(importId: number, dict: Dictionaries): EventSink {
    const w = new EventWriter(this.db, importId, dict);
    if (this.timeline) w.logRows(this.timeline);
    return w;
  }
  async finishSink(sink: EventSink): Promise<void> {
    (sink as EventWriter).finish();
  }
  async pressure(): Promise<void> {}
  async commit(columns: boolean): Promise<boolean> {
    const t = this.timeline;
    this.timeline = null;
    const saved = columns && (t?.save(this.db) ?? false);
    this.db.exec("COMMIT");
    return saved;
  }
  async rollback(): Promise<void> {
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
  }
}

// Batches sent and not yet written. Deep enough (about 25 MB) for the parsing side to run ahead
// while the inserting thread starts up or a commit of the WAL's cache spill stalls it.
const MAX_IN_FLIGHT = 64;

export class PipeStore implements Store {
  private readonly thread: InserterThread;
  private readonly worker: Worker;
  private inFlight = 0;
  private error: StrataError | null = null;
  private waiters: (() => void)[] = [];
  private ended: ((m: InserterOut) => void) | null = null;
  /** waiting for the answer to "handOff" (an error ends the wait with null) */
  private grouped: ((job: GroupJob | null) => void) | null = null;
  private users: UserDict | null = null;

  constructor(workspace: string) {
    this.thread = takePrestarted(workspace) ?? inserterWorker(workspace);
    this.worker = this.thread.worker;
    this.worker.on("message", (m: InserterOut) => {
      if (m.type === "booted") return;
      if (m.type === "ack") this.inFlight--;
      else if (m.type === "group") this.grouped?.(m.job);
      else if (m.type === "error")
        this.error = new StrataError(m.error.code, m.error.message, m.error.details);
      else this.ended?.(m);
      if (m.type === "error") {
        this.grouped?.(null);
        this.ended?.(m);
      }
      for (const w of this.waiters.splice(0)) w();
    });
    this.worker.on("error", (e) => {
      this.error = new StrataError("internal", `the inserting thread failed: ${e.message}`, e.stack);
      this.grouped?.(null);
      this.ended?.({ type: "error", error: this.error.toData() });
      for (const w of this.waiters.splice(0)) w();
    });
  }

  private post(m: InserterIn, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(m, transfer);
  }

  /** The workspace's users, read by the parsing thread's connection before begin(). */
  setUsers(users: UserDict): void {
    this.users = users;
  }
  begin(dict: Dictionaries): void {
    const users = this.requireUsers();
    this.post({ type: "begin", nextUser: users.nextCode, nextName: dict.nextNameId });
  }
  private requireUsers(): UserDict {
    if (!this.users) throw new Error("PipeStore.setUsers must come before begin");
    return this.users;
  }
  run(q: SqlFragment): void {
    this.post({ type: "run", statement: q });
  }
  sink(importId: number, dict: Dictionaries): EventSink {
    return new PipeWriter(dict, this.requireUsers(), importId, (b: BatchMessage) => {
      this.inFlight++;
      this.post(b, [
        b.uids.buffer as ArrayBuffer,
        b.eids.buffer as ArrayBuffer,
        b.times.buffer as ArrayBuffer,
        b.props.buffer as ArrayBuffer,
      ]);
    });
  }
  async finishSink(sink: EventSink): Promise<void> {
    const w = sink as PipeWriter;
    this.post({ type: "catalog", ...w.finish() });
    await this.waitFor(0);
  }
  private async waitFor(maxInFlight: number): Promise<void> {
    while (this.error === null && this.inFlight > maxInFlight)
      await new Promise<void>((r) => this.waiters.push(r));
    if (this.error) throw this.error;
  }
  pressure(): Promise<void> {
    return this.waitFor(MAX_IN_FLIGHT);
  }

  private async end(
    m: InserterIn,
    want: InserterOut["type"],
    transfer: ArrayBuffer[] = [],
  ): Promise<InserterOut> {
    const reply = new Promise<InserterOut>((r) => {
      this.ended = r;
    });
    if (this.error === null) this.post(m, transfer);
    const got = this.error ? { type: "error" as const, error: this.error.toData() } : await reply;
    await this.thread.terminate();
    if (got.type !== want)
      throw this.error ?? new StrataError("internal", `the inserting thread answered ${got.type}`);
    return got;
  }
  async commit(columns: boolean): Promise<boolean> {
    // every row is read: the users' table (hundreds of MB at 10M users) is not needed any more, and
    // the commit builds the timeline's arrays on the other thread of this same process
    this.users?.release();
    this.users = null;
    const runs = columns ? await this.groupHere() : null;
    const got = await this.end(
      { type: "commit", columns, runs },
      "committed",
      runs ? runsTransfer(runs) : [],
    );
    return got.type === "committed" && got.columns;
  }

  /**
   * Asks the inserting thread for the grouping of the rows by user, to do here while it builds the
   * users' index (group-off-thread.ts): the grouped rows, or null when it keeps the work or this
   * thread could not do it (the commit then saves no columns and they are rebuilt after it).
   */
  private async groupHere(): Promise<UserRuns | null> {
    const answer = new Promise<GroupJob | null>((r) => {
      this.grouped = r;
    });
    if (this.error !== null) return null;
    this.post({ type: "handOff" });
    this.post({ type: "index" });
    const job = await answer;
    this.grouped = null;
    if (job === null) return null;
    try {
      return groupJob(job);
    } catch (e) {
      warnColumnsNotSaved(e);
      return null;
    }
  }
  /** Stops the thread before any work was given to it. */
  async discard(): Promise<void> {
    await this.thread.terminate();
  }
  async rollback(): Promise<void> {
    // after an error the inserting thread has stopped; terminating it drops its transaction
    if (this.error) {
      await this.thread.terminate();
      return;
    }
    await this.end({ type: "rollback" }, "rolledBack").catch(() => {});
  }
}
