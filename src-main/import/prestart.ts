import { Worker } from "node:worker_threads";
import { workerUrl } from "../workers/worker-path.ts";
import type { InserterOut } from "./inserter.ts";

// The inserting thread of a two-thread import, started by the import worker's entry before it
// loads the parsing side's modules: the two threads then load side by side, and the first batch
// no longer waits about 100 ms for its inserter. PipeStore takes it; an import that turns out not
// to need it (user files, insert ids) stops it.

export interface InserterThread {
  readonly worker: Worker;
  /**
   * Ends the thread once it has loaded better-sqlite3 (or ended by itself). A thread terminated
   * inside an addon's initialisation is a Node fatal error that aborts the whole process, and an
   * import that fails at once (a missing file) would end its prestarted inserter just then.
   */
  terminate(): Promise<void>;
}

export function inserterWorker(workspace: string): InserterThread {
  const worker = new Worker(workerUrl("import-worker", new URL("./worker.ts", import.meta.url)), {
    workerData: { role: "insert", workspace },
  });
  const booted = new Promise<void>((resolve) => {
    worker.on("message", (m: InserterOut) => {
      if (m.type === "booted") resolve();
    });
    worker.once("exit", () => resolve());
  });
  return {
    worker,
    async terminate() {
      await booted;
      await worker.terminate();
    },
  };
}

let waiting: { workspace: string; thread: InserterThread } | null = null;

export function prestartInserter(workspace: string): void {
  waiting = { workspace, thread: inserterWorker(workspace) };
}

/** The prestarted inserter for this workspace, once; else null. */
export function takePrestarted(workspace: string): InserterThread | null {
  const prestarted = waiting;
  waiting = null;
  if (prestarted && prestarted.workspace !== workspace) {
    void prestarted.thread.terminate();
    return null;
  }
  return prestarted?.thread ?? null;
}
