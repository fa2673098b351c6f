import { parentPort, workerData } from "node:worker_threads";
import type { ShareOptions } from "../../src-preload/contract/methods/export.ts";
import { scrub } from "./scrub-copy.ts";

// Scrubs a share copy off the main thread: a VACUUM of a large workspace takes seconds.
const { copy, opts, asOf } = workerData as { copy: string; opts: ShareOptions; asOf: string };
try {
  parentPort?.postMessage({ ok: true, dropped: scrub(copy, opts, asOf) });
} catch (e) {
  const err = e as Error & { code?: string };
  parentPort?.postMessage({ ok: false, message: err.message, code: err.code ?? "internal" });
}
