import type { Worker } from "node:worker_threads";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { ModelBroker, ModelPeer } from "./model-broker.ts";
import type { TrainedModel } from "./propensity/share.ts";
import { type QueryThread, stopThread } from "./query-thread.ts";
import type { FromWorker, JobAnswer, ToWorker } from "./worker-protocol.ts";

// One query worker as the pool (pool.ts) sees it: its thread, its jobs by id, the startup step it
// waits for, and what its end means to them.

interface Job<T> {
  resolve(v: T): void;
  reject(e: unknown): void;
}

export class QueryWorker implements ModelPeer {
  readonly worker: Worker;
  readonly cancel: SharedArrayBuffer;
  readonly jobs = new Map<number, Job<JobAnswer>>();
  /** the thread ended (crashed or terminated): the pool starts new workers */
  dead = false;
  /** set by terminate(): what the thread's end means to the jobs it drops */
  private ending: string | null = null;
  private waiting: Job<FromWorker> | null = null;
  private readonly thread: QueryThread;

  private readonly models: ModelBroker;

  /** `thread`: started for this worker, or ahead of its pool (prestart.ts) */
  constructor(thread: QueryThread, models: ModelBroker) {
    this.models = models;
    this.thread = thread;
    this.worker = thread.worker;
    this.cancel = thread.init.cancel;
    this.worker.on("message", (m: FromWorker) => {
      if (m.type === "booted") return;
      if (m.type === "modelClaim") this.models.claim(this, m.key);
      else if (m.type === "modelDone") this.models.done(this, m.key, m.trained);
      else if (m.type === "result" || m.type === "error") {
        const job = this.jobs.get(m.id);
        this.jobs.delete(m.id);
        this.idle();
        if (m.type === "result") job?.resolve(m.answer);
        else job?.reject(new StrataError(m.error.code, m.error.message, m.error.details));
      } else {
        const w = this.waiting;
        this.waiting = null;
        this.idle();
        if (m.type === "failed") w?.reject(new StrataError(m.error.code, m.error.message, m.error.details));
        else w?.resolve(m);
      }
    });
    // a thread that dies answers nothing more: settle everything it owed, or callers wait forever
    this.worker.on("error", (e) => this.fail(`the query worker failed: ${e.message}`));
    this.worker.on("exit", (code) => this.fail(`the query worker stopped (exit code ${code})`));
    // a thread started ahead may have ended before these listeners
    const ended = thread.exitCode();
    const thrown = thread.error();
    if (thrown) this.fail(`the query worker failed: ${thrown.message}`);
    else if (ended !== null) this.fail(`the query worker stopped (exit code ${ended})`);
  }

  private fail(message: string): void {
    if (this.dead) return;
    this.dead = true;
    this.models.dropped(this);
    const err = this.stopped(message);
    const owed = [...this.jobs.values(), ...(this.waiting ? [this.waiting] : [])];
    this.jobs.clear();
    this.waiting = null;
    for (const j of owed) j.reject(err);
    this.worker.unref();
  }

  /** Why work on an ended thread fails: a thread ended on purpose cancels it, else it failed. */
  private stopped(message = "the query worker has stopped"): StrataError {
    return this.ending ? new StrataError("cancelled", this.ending) : new StrataError("internal", message);
  }

  /**
   * Keeps the process alive only while the worker has work (an idle pool never holds it open), or
   * while it is being ended: an answer that arrives after terminate() must not let go of it.
   */
  private idle(): void {
    if (this.ending === null && this.jobs.size === 0 && this.waiting === null) this.worker.unref();
  }

  /** A startup step ("open" or "attach"); rejects when it fails or the thread dies. */
  request(m: ToWorker): Promise<FromWorker> {
    if (this.dead) return Promise.reject(this.stopped());
    this.worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.worker.postMessage(m);
    });
  }

  /** Starts a job (a query or a members request) and resolves to its result. */
  send(m: Extract<ToWorker, { id: number }>): Promise<JobAnswer> {
    if (this.dead) return Promise.reject(this.stopped());
    this.worker.ref();
    return new Promise((resolve, reject) => {
      this.jobs.set(m.id, { resolve, reject });
      this.worker.postMessage(m);
    });
  }

  /**
   * Ends the worker; queries and a startup step still running on it are rejected as cancelled now,
   * before the thread ends: a step it fails as it is torn down (its connection closed under it) would
   * otherwise reach the caller as an internal error.
   */
  async terminate(reason: string): Promise<void> {
    this.ending = reason;
    const owed = [...this.jobs.values(), ...(this.waiting ? [this.waiting] : [])];
    this.jobs.clear();
    this.waiting = null;
    for (const j of owed) j.reject(new StrataError("cancelled", reason));
    // an idle worker is unreferenced: the end it is told of must still hold the process
    await stopThread(this.thread);
  }

  /** For tests: ends the thread as a crash would (it handles messages in order, so this comes first). */
  crash(): void {
    this.worker.postMessage({ type: "exit" } satisfies ToWorker);
  }

  sendModel(key: string, trained: TrainedModel | null): void {
    if (!this.dead) this.worker.postMessage({ type: "model", key, trained } satisfies ToWorker);
  }

  stop(id: number): void {
    Atomics.store(new Int32Array(this.cancel), 0, id);
  }
}
