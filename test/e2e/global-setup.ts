import fs from "node:fs";
import path from "node:path";
import { buildDemo } from "../../src-main/demo/build.ts";
import useCompileCache from "../helpers/compile-cache.ts";
import { DEMO_CACHE, RENDERER_DIR } from "./paths.ts";

// Builds the demo workspace once per run; each test gets its own copy (tests may write to it).
export default async function globalSetup(): Promise<() => Promise<void>> {
  // the test workers run the main process's TypeScript with its query and import threads: with the
  // compile cache a thread strips a file only the first time (see compile-cache.ts; a CI run lost
  // a Playwright worker to the same V8 check in freeing WebAssembly code)
  useCompileCache();
  if (!fs.existsSync(path.join(RENDERER_DIR, "index.html"))) {
    throw new Error(
      `the renderer is not built (${RENDERER_DIR}): run \`npx electron-vite build\` first (npm run test:e2e does)`,
    );
  }
  process.env.STRATA_E2E_DEMO = DEMO_CACHE;
  fs.rmSync(path.dirname(DEMO_CACHE), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(DEMO_CACHE), { recursive: true });
  buildDemo(DEMO_CACHE, {});
  return async () => {
    fs.rmSync(path.dirname(DEMO_CACHE), { recursive: true, force: true });
  };
}
