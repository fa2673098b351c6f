import { parentPort, workerData } from "node:worker_threads";
import { StrataError, type StrataErrorData } from "../../src-preload/contract/errors.ts";
import { type IngestJob, ingest } from "./ingest.ts";
import { Inserter, type InserterIn, type InserterOut } from "./inserter.ts";
import type { WorkerIn, WorkerOut } from "./messages.ts";

// The import worker, in one of two roles. "ingest" (started by the app or the CLI) parses,
// encodes and, for most files, hands batches to a second instance of this file in the "insert"
// role, which owns the write transaction. Both use their own SQLite connections, so the app's main
// thread never waits on SQLite. Cancel is a flag in shared memory, read between chunks of the file.

function errorData(e: unknown): StrataErrorData {
  return e instanceof StrataError
    ? e.toData()
    : { code: "internal", message: e instanceof Error ? e.message : String(e), details: (e as Error)?.stack };
}

function serveInserter(workspace: string): void {
  const post = (m: InserterOut) => parentPort?.postMessage(m);
  let inserter: Inserter | null = null;
  let failed = false;
  parentPort?.on("message", (m: InserterIn) => {
    if (failed) return;
    try {
      inserter ??= new Inserter(workspace);
      const reply = inserter.handle(m);
      if (reply) post(reply);
    } catch (e) {
      failed = true;
      inserter?.abandon();
      post({ type: "error", error: errorData(e) });
    }
  });
}

function serveIngest(): void {
  const { job, cancel } = workerData as WorkerIn;
  const flag = new Int32Array(cancel);
  const post = (m: WorkerOut) => parentPort?.postMessage(m);
  ingest(job satisfies IngestJob, {
    progress: (p) => post({ type: "progress", ...p }),
    cancelled: () => Atomics.load(flag, 0) === 1,
    phase: (name) => post({ type: "phase", name }),
  }).then(
    (summaries) => post({ type: "done", summaries }),
    (e: unknown) => post({ type: "failed", error: errorData(e) }),
  );
}

if ((workerData as { role?: string }).role === "insert")
  serveInserter((workerData as { workspace: string }).workspace);
else serveIngest();
