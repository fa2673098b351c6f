import { serveOnce } from "../workers/run-once.ts";
import { buildDemo } from "./build.ts";

// Builds the demo off the main thread, so the app's window stays responsive while it is made.
serveOnce(
  (
    d: { file: string; users?: number; seed?: number },
    progress: (p: { done: number; total: number }) => void,
  ) =>
    buildDemo(d.file, {
      ...(d.users !== undefined ? { users: d.users } : {}),
      ...(d.seed !== undefined ? { seed: d.seed } : {}),
      onProgress: (done, total) => progress({ done, total }),
    }),
);
