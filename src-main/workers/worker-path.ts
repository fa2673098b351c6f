import fs from "node:fs";
import { fileURLToPath } from "node:url";

// Where a worker's entry file is at run time. From the TS sources (CLI, tests, bench) it is the
// `.ts` file beside its caller; in the built app the main bundle is out/main/index.js and each
// worker is built beside it as out/main/<name>.js (see electron.vite.config.ts). The bundler may put
// this helper in a shared chunk (out/main/chunks/), so the folder above is looked at too.
//
// STRATA_WORKERS=built makes the sources start the built workers instead: the benches time the
// app's and the CLI's imports and queries from the sources' main thread, and the workers they time
// must be the ones the app runs (from sources a worker's ~150 modules took 360 ms to start an
// import where the built worker takes 175). The benches set it only once their build is current
// (bench/built-cli.ts): set by hand after an edit, it starts whatever out/main holds.

export type WorkerName = "import-worker" | "query-worker" | "column-worker" | "demo-worker" | "share-worker";

export function workerUrl(name: WorkerName, sourceUrl: URL): URL {
  if (process.env.STRATA_WORKERS === "built" && import.meta.url.endsWith(".ts")) {
    const built = new URL(`../../out/main/${name}.js`, import.meta.url);
    if (!fs.existsSync(fileURLToPath(built)))
      throw new Error(`STRATA_WORKERS=built: no ${fileURLToPath(built)}`);
    return built;
  }
  if (!import.meta.url.endsWith(".ts")) {
    for (const rel of [`./${name}.js`, `../${name}.js`]) {
      const built = new URL(rel, import.meta.url);
      if (fs.existsSync(fileURLToPath(built))) return built;
    }
  }
  return sourceUrl;
}
