import { runOnce } from "../workers/run-once.ts";
import type { DemoStats } from "./build.ts";

/** buildDemo in a worker thread (the app's main process must not stall for seconds). */
export function buildDemoInWorker(
  file: string,
  opts: { users?: number; seed?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<DemoStats> {
  return runOnce<DemoStats, { done: number; total: number }>(
    "demo-worker",
    new URL("./worker.ts", import.meta.url),
    { file, users: opts.users, seed: opts.seed },
    (p) => opts.onProgress?.(p.done, p.total),
  );
}
