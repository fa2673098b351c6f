import type { StrataErrorData } from "../../src-preload/contract/errors.ts";
import type { ImportSummary } from "../../src-preload/contract/methods/import.ts";
import type { IngestJob, IngestProgress } from "./ingest.ts";

// What the import worker is given and what it sends back.
export interface WorkerIn {
  job: IngestJob;
  /** Int32 flag: 1 = cancel */
  cancel: SharedArrayBuffer;
}

export type WorkerOut =
  | ({ type: "progress" } & IngestProgress)
  | { type: "phase"; name: "columns" }
  | { type: "done"; summaries: ImportSummary[] }
  | { type: "failed"; error: StrataErrorData };
