import fs from "node:fs";
import path from "node:path";
import { buildDemo } from "../../src-main/demo/build.ts";
import { DEMO_CACHE, RENDERER_DIR } from "./paths.ts";

// Builds the demo workspace once per run; each test gets its own copy (tests may write to it).
export default async function globalSetup(): Promise<() => Promise<void>> {
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
