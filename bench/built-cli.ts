import { spawnSync } from "node:child_process";
import path from "node:path";
import { currentBundle } from "../scripts/cli-bundle.cjs";

// The whole `strata query` processes the benches time measure the command as installed: its built
// bundle (strata runs the sources instead once one has changed since the last build:
// scripts/cli-bundle.cjs). Built once per bench process, before the first such process.

const root = path.resolve(import.meta.dirname, "..");
let which: string | null = null;

/** Builds the CLI (once) and says which one `strata` will run, for the rows' notes. */
export function builtCli(): string {
  if (which === null) {
    const built = spawnSync(
      path.join(root, "node_modules/.bin/electron-vite"),
      ["build", "--logLevel", "error"],
      {
        cwd: root,
        stdio: "inherit",
      },
    );
    if (built.status !== 0) throw new Error("electron-vite build failed: the bench measures the built CLI");
    which = currentBundle(root, process.env) ? "the built CLI" : "the CLI's sources (out/main is stale)";
  }
  return which;
}

/**
 * The environment of a bench child that times the app's own workers: the built ones when the build
 * is current (src-main/workers/worker-path.ts), else the sources' (the rows' notes say which).
 */
export function builtWorkersEnv(): { env: NodeJS.ProcessEnv; workers: "built" | "sources" } {
  const built = builtCli() === "the built CLI";
  return built
    ? { env: { ...process.env, STRATA_WORKERS: "built" }, workers: "built" }
    : { env: process.env, workers: "sources" };
}
