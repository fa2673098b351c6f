import { Worker } from "node:worker_threads";
import { type ErrorCode, StrataError } from "../../src-preload/contract/errors.ts";
import type { ShareOptions } from "../../src-preload/contract/methods/export.ts";
import { workerUrl } from "../workers/worker-path.ts";

type Answer = { ok: true; dropped: string[] } | { ok: false; message: string; code: ErrorCode };

/** Runs `scrub` (scrub-copy.ts) in a worker thread and answers with the names it dropped. */
export function scrubInWorker(copy: string, opts: ShareOptions, asOf: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl("share-worker", new URL("./worker.ts", import.meta.url)), {
      workerData: { copy, opts, asOf },
    });
    let settled = false;
    worker.on("message", (m: Answer) => {
      settled = true;
      if (m.ok) resolve(m.dropped);
      else reject(new StrataError(m.code, m.message));
    });
    worker.on("error", (e) => {
      settled = true;
      reject(e);
    });
    worker.on("exit", (code) => {
      if (!settled) reject(new StrataError("internal", `the share copy stopped unexpectedly (exit ${code})`));
    });
  });
}
