import type { ShareOptions } from "../../src-preload/contract/methods/export.ts";
import { runOnce } from "../workers/run-once.ts";
import type { ScrubResult } from "./scrub-copy.ts";

/** Runs `scrub` (scrub-copy.ts) in a worker thread and answers with what it removed. */
export function scrubInWorker(copy: string, opts: ShareOptions, asOf: string): Promise<ScrubResult> {
  return runOnce<ScrubResult>("share-worker", new URL("./worker.ts", import.meta.url), { copy, opts, asOf });
}
