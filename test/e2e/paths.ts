import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const RENDERER_DIR = path.join(ROOT, "out/renderer");
export const DEMO_CACHE = path.join(ROOT, "test-results/demo-cache/demo.strata");
export const SHOTS_DIR = path.join(ROOT, "test-results/screenshots");
