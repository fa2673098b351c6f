import { parentPort, workerData } from "node:worker_threads";
import { buildDemo } from "./build.ts";

// Builds the demo off the main thread, so the app's window stays responsive while it is made.
const { file, users, seed } = workerData as { file: string; users?: number; seed?: number };
try {
  const stats = buildDemo(file, {
    ...(users !== undefined ? { users } : {}),
    ...(seed !== undefined ? { seed } : {}),
    onProgress: (done, total) => parentPort?.postMessage({ type: "progress", done, total }),
  });
  parentPort?.postMessage({ type: "done", stats });
} catch (e) {
  const err = e as Error & { code?: string };
  parentPort?.postMessage({ type: "error", message: err.message, code: err.code ?? "internal" });
}
