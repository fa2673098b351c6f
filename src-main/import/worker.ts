import { parentPort, workerData } from "node:worker_threads";
import { StrataError } from "../../src-preload/contract/errors.ts";
import { type IngestJob, ingest } from "./ingest.ts";
import type { WorkerIn, WorkerOut } from "./messages.ts";

// The import worker's entry: parses, encodes and inserts on its own SQLite connection, so the app's
// main thread stays free. Cancel is a flag in shared memory, read between chunks of the file.

const { job, cancel } = workerData as WorkerIn;
const flag = new Int32Array(cancel);
const post = (m: WorkerOut) => parentPort?.postMessage(m);

ingest(job satisfies IngestJob, {
  progress: (p) => post({ type: "progress", ...p }),
  cancelled: () => Atomics.load(flag, 0) === 1,
  phase: (name) => post({ type: "phase", name }),
}).then(
  (summaries) => post({ type: "done", summaries }),
  (e: unknown) =>
    post({
      type: "failed",
      error:
        e instanceof StrataError
          ? e.toData()
          : {
              code: "internal",
              message: e instanceof Error ? e.message : String(e),
              details: (e as Error)?.stack,
            },
    }),
);
