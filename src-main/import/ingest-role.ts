import { parentPort, workerData } from "node:worker_threads";
import { toErrorData } from "../../src-preload/contract/errors.ts";
import { type IngestJob, ingest } from "./ingest.ts";
import type { WorkerIn, WorkerOut } from "./messages.ts";
import { takePrestarted } from "./prestart.ts";

// The import worker in the "ingest" role (started by the app or the CLI): parses, encodes and, for
// most files, hands batches to a second import worker in the "insert" role (insert-role.ts), which
// owns the write transaction. Both use their own SQLite connections, so the app's main thread
// never waits on SQLite. Cancel is a flag in shared memory, read between chunks of the file.

function serveIngest(): void {
  const { job, cancel } = workerData as WorkerIn;
  const flag = new Int32Array(cancel);
  const post = (m: WorkerOut) => parentPort?.postMessage(m);
  ingest(job satisfies IngestJob, {
    progress: (p) => post({ type: "progress", ...p }),
    cancelled: () => Atomics.load(flag, 0) === 1,
    phase: (name) => post({ type: "phase", name }),
  })
    .then(
      (summaries) => post({ type: "done", summaries }),
      (e: unknown) => post({ type: "failed", error: toErrorData(e, true) }),
    )
    .finally(() => {
      // a prestarted inserter nobody took (the job failed before it needed one)
      void takePrestarted(job.workspace)?.terminate();
    });
}

serveIngest();
