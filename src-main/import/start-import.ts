import { Worker } from "node:worker_threads";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { ImportSummary } from "../../src-preload/contract/methods/import.ts";
import { workerUrl } from "../workers/worker-path.ts";
import type { IngestJob } from "./ingest.ts";
import type { WorkerIn, WorkerOut } from "./messages.ts";

// Starts an import job in the import worker, for the app and the CLI alike: turns the worker's raw
// progress into rows/s and an ETA, and its end into a promise.

export interface ImportProgress {
  file: string;
  rows: number;
  bytes: number;
  totalBytes: number;
  rowsPerSecond: number;
  etaSeconds: number | null;
}

export interface RunningImport {
  done: Promise<ImportSummary[]>;
  /** the worker has exited, its connections closed (it closes them just after `done`) */
  exited: Promise<void>;
  cancel(): void;
}

export function startImport(
  job: IngestJob,
  onProgress?: (p: ImportProgress) => void,
  onPhase?: (name: "columns") => void,
): RunningImport {
  const cancel = new SharedArrayBuffer(4);
  const data: WorkerIn = { job, cancel };
  const worker = new Worker(workerUrl("import-worker", new URL("./worker.ts", import.meta.url)), {
    workerData: data,
  });
  const started = performance.now();
  let fileStarted = started;
  let currentFile = "";
  const done = new Promise<ImportSummary[]>((resolve, reject) => {
    let settled = false;
    worker.on("message", (message: WorkerOut) => {
      if (message.type === "progress") {
        const now = performance.now();
        if (message.file !== currentFile) {
          currentFile = message.file;
          fileStarted = now;
        }
        const secs = Math.max((now - fileStarted) / 1000, 1e-3);
        const byteRate = message.bytes / secs;
        onProgress?.({
          file: message.file,
          rows: message.rows,
          bytes: message.bytes,
          totalBytes: message.totalBytes,
          rowsPerSecond: Math.round(message.rows / secs),
          etaSeconds:
            byteRate > 0 && message.bytes > 0
              ? Math.max(0, (message.totalBytes - message.bytes) / byteRate)
              : null,
        });
      } else if (message.type === "phase") {
        onPhase?.(message.name);
      } else if (message.type === "done") {
        settled = true;
        resolve(message.summaries);
      } else {
        settled = true;
        reject(new StrataError(message.error.code, message.error.message, message.error.details));
      }
    });
    worker.on("error", (e) => {
      if (!settled) reject(new StrataError("internal", `the import worker failed: ${e.message}`, e.stack));
      settled = true;
    });
    worker.on("exit", (code) => {
      if (!settled) reject(new StrataError("internal", `the import worker stopped (exit code ${code})`));
      settled = true;
    });
  });
  const exited = new Promise<void>((resolve) => {
    worker.once("exit", () => resolve());
  });
  return {
    done,
    exited,
    cancel() {
      Atomics.store(new Int32Array(cancel), 0, 1);
    },
  };
}
