import fs from "node:fs";
import path from "node:path";
import { StrataError } from "../src-preload/contract/errors.ts";
import type { QueryKind, QueryOf, ResultOf } from "../src-preload/contract/query-kinds.ts";
import { buildDemoInWorker } from "./demo/build-in-worker.ts";
import { appEngine, engineWhilePagesChecked, type QueryEngine } from "./engine/index.ts";
import { RecentFiles } from "./recent.ts";
import { ReportResults } from "./workspace/report-results.ts";
import { VerifiedFiles } from "./workspace/verified.ts";
import { Workspace } from "./workspace/workspace.ts";

/** What answers a query document: the local engine, or the ClickHouse engine (same answers). */
export type QueryRunner = Pick<QueryEngine, "run">;

export interface SessionOptions {
  /** the app's data folder: recent files, the demo workspace, window state */
  dataDir: string;
}

/**
 * What one app window (or one test bridge) has open: at most one workspace, with its query engine,
 * and the queries still running per UI channel so that a newer one cancels the older.
 */
export class Session {
  readonly dataDir: string;
  readonly recent: RecentFiles;
  private ws: Workspace | null = null;
  private eng: QueryEngine | null = null;
  private readonly running = new Map<string, AbortController>();
  /** saved reports keep the last result they produced (see workspace/report-results.ts) */
  readonly reportResults = new ReportResults();
  /** files whose pages the app checked and that have not changed since (workspace/verified.ts) */
  private readonly verified: VerifiedFiles;
  /** import threads that answered and are closing their connection (a checkpoint first) */
  private readonly closing = new Set<Promise<void>>();

  constructor(opts: SessionOptions) {
    this.dataDir = opts.dataDir;
    this.recent = new RecentFiles(opts.dataDir);
    this.verified = new VerifiedFiles(path.join(opts.dataDir, "verified-files.json"));
  }

  get workspace(): Workspace {
    if (!this.ws) throw new StrataError("not_open", "no workspace is open: open or create one first");
    return this.ws;
  }

  get isOpen(): boolean {
    return this.ws !== null;
  }

  get engine(): QueryEngine {
    if (!this.eng) this.eng = appEngine(this.workspace);
    return this.eng;
  }

  /**
   * Opens `file` in place of the open workspace, which stays open when this fails. A file whose
   * pages the app has not checked is checked while its query workers read the engine's columns.
   * `describe` (the workspace's info, for the window) runs on the new workspace before it replaces
   * the open one: when it fails, the new one is closed (its lock released) and the open one kept,
   * where a workspace whose info could not be read was left open, locked and failing every info.
   */
  open(file: string): Promise<Workspace>;
  open<T>(file: string, describe: (ws: Workspace) => T): Promise<T>;
  async open<T>(file: string, describe?: (ws: Workspace) => T): Promise<T | Workspace> {
    const ws = Workspace.open(file, { verified: this.verified, deferPageCheck: true });
    let engine: QueryEngine | null = null;
    let described: T | Workspace = ws;
    try {
      if (ws.owesPageCheck) {
        // the open workspace's timeline goes first, so that two are never held at once; its workers
        // start again on its next query if this open fails
        await this.endEngine();
        engine = engineWhilePagesChecked(ws);
      }
      if (describe) described = describe(ws);
    } catch (e) {
      await engine?.close();
      ws.close();
      throw e;
    }
    await this.close();
    this.ws = ws;
    this.eng = engine;
    this.recent.add(ws.path);
    return described;
  }

  async create(file: string, timezone?: string): Promise<Workspace> {
    const ws = Workspace.create(file, { ...(timezone ? { timezone } : {}), verified: this.verified });
    await this.close();
    this.ws = ws;
    this.recent.add(ws.path);
    return ws;
  }

  demoPath(): string {
    return path.join(this.dataDir, "demo.strata");
  }

  /** The demo workspace, built on first use, opened as open() opens a file (`describe` as there). */
  async openDemo<T>(describe: (ws: Workspace) => T): Promise<T> {
    const file = this.demoPath();
    if (!fs.existsSync(file)) {
      fs.mkdirSync(this.dataDir, { recursive: true });
      await buildDemoInWorker(file);
    }
    return this.open(file, describe);
  }

  /**
   * Runs a query; a newer query on the same channel cancels this one. `on` is another engine with
   * the same answers (the workspace's ClickHouse cluster); the local engine by default.
   */
  async query<K extends QueryKind>(
    query: QueryOf<K>,
    channel?: string,
    on?: QueryRunner,
  ): Promise<ResultOf<K>> {
    const ws = this.workspace;
    const result = await this.runQuery(query, channel, on ?? this.engine);
    // an answer about a workspace closed while it ran must not reach the screen or the saved
    // reports of the one open now (whose numbers it is not)
    if (this.ws !== ws) throw new StrataError("cancelled", "the workspace was closed while the query ran");
    this.reportResults.remember(ws.db, query, result);
    return result;
  }

  private async runQuery<K extends QueryKind>(
    query: QueryOf<K>,
    channel: string | undefined,
    engine: QueryRunner,
  ): Promise<ResultOf<K>> {
    if (channel === undefined) return engine.run(query);
    this.running.get(channel)?.abort();
    const ctl = new AbortController();
    this.running.set(channel, ctl);
    try {
      return await engine.run(query, ctl.signal);
    } finally {
      if (this.running.get(channel) === ctl) this.running.delete(channel);
    }
  }

  cancel(channel: string): void {
    this.running.get(channel)?.abort();
    this.running.delete(channel);
  }

  /** The events changed (after an import): queries must see the new data. */
  eventsChanged(): void {
    this.eng?.invalidate();
    // answers kept for saved reports were computed on the data before
    this.reportResults.clear();
  }

  /**
   * An import thread that has answered but still checkpoints and closes its connection: closing the
   * workspace waits for it (a moment), so that nothing writes to a file the user has closed and may
   * move or delete. A running import is not waited for: it is registered once it has answered.
   */
  importEnding(exited: Promise<void>): void {
    this.closing.add(exited);
    void exited.finally(() => this.closing.delete(exited));
  }

  /** Ends the query workers; the next query on the open workspace starts new ones. */
  private async endEngine(): Promise<void> {
    const eng = this.eng;
    this.eng = null;
    await eng?.close();
  }

  async close(): Promise<void> {
    await Promise.all(this.closing);
    this.reportResults.clear();
    for (const c of this.running.values()) c.abort();
    this.running.clear();
    await this.endEngine();
    this.ws?.close();
    this.ws = null;
  }
}
