import { parentPort, workerData } from "node:worker_threads";
import { toErrorData } from "../../src-preload/contract/errors.ts";
import { jobTransfer } from "./group-off-thread.ts";
import { Inserter, type InserterIn, type InserterOut } from "./inserter.ts";

// The import worker in the "insert" role: owns the import's write transaction on its own
// connection, opened as soon as the thread is up, and answers the parsing thread's messages. Its
// first error stops it; the parsing side then rolls back.

// a job's batches are moved to the parsing thread, not copied
const post = (m: InserterOut) =>
  parentPort?.postMessage(m, m.type === "group" && m.job ? jobTransfer(m.job) : undefined);
let inserter: Inserter | null = null;
/** why the connection could not be opened: reported at the first message (the parsing side listens from then on) */
let startError: unknown = null;
let stopped = false;
try {
  inserter = new Inserter((workerData as { workspace: string }).workspace);
} catch (e) {
  startError = e;
}
// the addon is loaded (the import above ran it): terminating this thread is safe from here on
post({ type: "booted" });
parentPort?.on("message", (m: InserterIn) => {
  if (stopped) return;
  try {
    if (inserter === null) throw startError;
    const reply = inserter.handle(m);
    if (reply) post(reply);
  } catch (e) {
    stopped = true;
    inserter?.abandon();
    post({ type: "error", error: toErrorData(e, true) });
  }
});
