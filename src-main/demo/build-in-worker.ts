import { Worker } from "node:worker_threads";
import { type ErrorCode, StrataError } from "../../src-preload/contract/errors.ts";
import { workerUrl } from "../workers/worker-path.ts";
import type { DemoStats } from "./build.ts";

type Message =
  | { type: "progress"; done: number; total: number }
  | { type: "done"; stats: DemoStats }
  | { type: "error"; message: string; code: ErrorCode };

/** buildDemo in a worker thread (the app's main process must not stall for seconds). */
export function buildDemoInWorker(
  file: string,
  opts: { users?: number; seed?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<DemoStats> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl("demo-worker", new URL("./worker.ts", import.meta.url)), {
      workerData: { file, users: opts.users, seed: opts.seed },
    });
    let settled = false;
    worker.on("message", (m: Message) => {
      if (m.type === "progress") opts.onProgress?.(m.done, m.total);
      else if (m.type === "done") {
        settled = true;
        resolve(m.stats);
      } else {
        settled = true;
        reject(new StrataError(m.code, m.message));
      }
    });
    worker.on("error", (e) => {
      settled = true;
      reject(e);
    });
    worker.on("exit", (code) => {
      if (!settled)
        reject(new StrataError("internal", `the demo builder stopped unexpectedly (exit ${code})`));
    });
  });
}
