import { Worker } from "node:worker_threads";
import { workerUrl } from "../workers/worker-path.ts";

// The inserting thread of a two-thread import, started by the import worker's entry before it
// loads the parsing side's modules: the two threads then load side by side, and the first batch
// no longer waits about 100 ms for its inserter. PipeStore takes it; an import that turns out not
// to need it (user files, insert ids) stops it.

let waiting: { workspace: string; worker: Worker } | null = null;

export function inserterWorker(workspace: string): Worker {
  return new Worker(workerUrl("import-worker", new URL("./worker.ts", import.meta.url)), {
    workerData: { role: "insert", workspace },
  });
}

export function prestartInserter(workspace: string): void {
  waiting = { workspace, worker: inserterWorker(workspace) };
}

/** The prestarted inserter for this workspace, once; else null. */
export function takePrestarted(workspace: string): Worker | null {
  const w = waiting;
  waiting = null;
  if (w && w.workspace !== workspace) {
    void w.worker.terminate();
    return null;
  }
  return w?.worker ?? null;
}
