import { Worker } from "node:worker_threads";
import { workerUrl } from "../workers/worker-path.ts";
import type { FromWorker, WorkerInit } from "./worker-protocol.ts";

// A query worker's thread from the moment it starts, before a pool takes it (query-worker.ts): a
// thread started ahead of its pool (prestart.ts) may boot, or end, before anyone else listens, and
// what it said then must not be lost.

export interface QueryThread {
  readonly worker: Worker;
  readonly init: WorkerInit;
  /**
   * Settles once the thread has loaded its native modules, or ended. A thread terminated inside an
   * addon's initialisation aborts the whole process (a Node fatal error, not an exception), so every
   * end of a thread waits for this first.
   */
  readonly booted: Promise<void>;
  /** the thread's exit code once it has ended, else null */
  readonly exitCode: () => number | null;
  /** what the thread threw, if it failed */
  readonly error: () => Error | null;
}

export function startQueryThread(file: string, save: boolean, lazy: boolean): QueryThread {
  const init: WorkerInit = { file, save, cancel: new SharedArrayBuffer(4), lazy };
  const worker = new Worker(workerUrl("query-worker", new URL("./worker.ts", import.meta.url)), {
    workerData: init,
  });
  // a thread holds the process open only while something waits for it: its boot (the listener below
  // refs its port until then) and whatever its owner asks of it (the owner refs it meanwhile)
  worker.unref();
  let exitCode: number | null = null;
  let error: Error | null = null;
  let boot: () => void = () => {};
  const booted = new Promise<void>((resolve) => {
    boot = resolve;
  });
  const onMessage = (m: FromWorker) => {
    if (m.type !== "booted") return;
    boot();
    worker.off("message", onMessage);
  };
  worker.on("message", onMessage);
  // heard here from the start: an error event nobody listens to would throw in the main thread
  worker.on("error", (e) => {
    error = e;
  });
  worker.once("exit", (code) => {
    exitCode = code;
    boot();
  });
  return { worker, init, booted, exitCode: () => exitCode, error: () => error };
}

/**
 * Ends the thread once it has booted. It is referenced until it has ended: whoever awaits this may
 * have nothing else left to keep the process running (a command that failed at once, a script
 * closing an engine whose workers were still opening), and would be left unsettled at its exit.
 */
export async function stopThread(thread: QueryThread): Promise<void> {
  thread.worker.ref();
  await thread.booted;
  await thread.worker.terminate();
}
