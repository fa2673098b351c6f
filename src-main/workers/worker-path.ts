import fs from "node:fs";
import { fileURLToPath } from "node:url";

// Where a worker's entry file is at run time. From the TS sources (CLI, tests, bench) it is the
// `.ts` file beside its caller; in the built app the main bundle is out/main/index.js and each
// worker is built beside it as out/main/<name>.js (see electron.vite.config.ts). The bundler may put
// this helper in a shared chunk (out/main/chunks/), so the folder above is looked at too.

export type WorkerName = "import-worker" | "query-worker" | "demo-worker" | "share-worker";

export function workerUrl(name: WorkerName, sourceUrl: URL): URL {
  if (!import.meta.url.endsWith(".ts")) {
    for (const rel of [`./${name}.js`, `../${name}.js`]) {
      const built = new URL(rel, import.meta.url);
      if (fs.existsSync(fileURLToPath(built))) return built;
    }
  }
  return sourceUrl;
}
