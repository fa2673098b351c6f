import type { ShareOptions } from "../../src-preload/contract/methods/export.ts";
import { runOnce } from "../workers/run-once.ts";

/** Runs `scrub` (scrub-copy.ts) in a worker thread and answers with the names it dropped. */
export function scrubInWorker(copy: string, opts: ShareOptions, asOf: string): Promise<string[]> {
  return runOnce<string[]>("share-worker", new URL("./worker.ts", import.meta.url), { copy, opts, asOf });
}
