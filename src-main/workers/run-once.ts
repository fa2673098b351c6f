import { parentPort, Worker, workerData } from "node:worker_threads";
import { type ErrorCode, StrataError } from "../../src-preload/contract/errors.ts";
import { type WorkerName, workerUrl } from "./worker-path.ts";

// One job in a short-lived worker thread: for work that would stall the app's main process for
// seconds (building the demo, scrubbing a share copy). The worker file calls `serveOnce`; the
// caller awaits `runOnce`.

type Message<T, P> =
  | { type: "progress"; progress: P }
  | { type: "done"; value: T }
  | { type: "error"; message: string; code: ErrorCode };

export function runOnce<T, P = never>(
  name: WorkerName,
  source: URL,
  data: unknown,
  onProgress?: (progress: P) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl(name, source), { workerData: data });
    let settled = false;
    worker.on("message", (m: Message<T, P>) => {
      if (m.type === "progress") {
        onProgress?.(m.progress);
        return;
      }
      settled = true;
      if (m.type === "done") resolve(m.value);
      else reject(new StrataError(m.code, m.message));
    });
    worker.on("error", (e) => {
      settled = true;
      reject(e);
    });
    worker.on("exit", (code) => {
      if (!settled) reject(new StrataError("internal", `${name} stopped unexpectedly (exit ${code})`));
    });
  });
}

/** The worker side: runs `job` on the caller's data and posts its value or its error. */
export function serveOnce<D, T, P = never>(job: (data: D, progress: (p: P) => void) => T | Promise<T>): void {
  const post = (m: Message<T, P>) => parentPort?.postMessage(m);
  Promise.resolve()
    .then(() => job(workerData as D, (progress) => post({ type: "progress", progress })))
    .then(
      (value) => post({ type: "done", value }),
      (e: unknown) => {
        // only the contract's codes cross: a library's own code ("SQLITE_CORRUPT") means nothing to the UI
        const code: ErrorCode = e instanceof StrataError ? e.code : "internal";
        post({ type: "error", message: e instanceof Error ? e.message : String(e), code });
      },
    );
}
