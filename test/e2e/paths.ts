import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const RENDERER_DIR = path.join(ROOT, "out/renderer");
// One demo per test run (global-setup passes its path to the workers through the environment), so
// two runs on one machine never share a file.
export const DEMO_CACHE =
  process.env.STRATA_E2E_DEMO ?? path.join(ROOT, "test-results", `demo-cache-${process.pid}`, "demo.strata");
export const SHOTS_DIR = path.join(ROOT, "test-results/screenshots");
