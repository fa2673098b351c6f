import module from "node:module";
import { workerData } from "node:worker_threads";
import type { WorkerIn } from "./messages.ts";
import { prestartInserter } from "./prestart.ts";

// The import worker's entry, for both roles (ingest-role.ts, insert-role.ts). A worker does not
// share the compile cache its process may have turned on, and from the TypeScript sources (the
// CLI) the ingest role's fifty-odd modules took 35 ms to load without one and 15 ms with it: the
// cache is turned on first, and an event import starts its inserting thread before loading them.
module.enableCompileCache?.();
if ((workerData as { role?: string }).role === "insert") void import("./insert-role.ts");
else {
  const { job } = workerData as WorkerIn;
  if (job.pipeline !== false && (job.options.kind ?? "events") === "events") prestartInserter(job.workspace);
  void import("./ingest-role.ts");
}
