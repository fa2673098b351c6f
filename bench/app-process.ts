// Runs bench/engine-child.ts: a fresh process that opens a workspace as the app does and answers
// the given queries through the app's engine (its query workers), so that its time and peak memory
// are Strata's alone. Used by the engine bench (cold open + four reports) and the metrics bench (each
// report alone, for its peak memory).
import { spawnSync } from "node:child_process";
import path from "node:path";
import type { Query } from "../src-preload/contract/queries.ts";
import { builtWorkersEnv } from "./built-cli.ts";

export interface AppProcessFigures {
  ms: number;
  cpuMs: number;
  /** the process's peak RSS, MB: the main thread and its query workers together */
  rssMb: number;
  reports: { kind: string; ms: number; cpuMs: number; rssMb: number }[];
}

const root = path.resolve(import.meta.dirname, "..");

export function runNodeChild(args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", env });
  if (r.status !== 0) throw new Error(`${args.slice(0, 2).join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

/**
 * `record`: the app's record of checked files; a file it holds skips the page check. The query
 * workers are the built ones, as the app runs them (when the build is current: builtWorkersEnv).
 * `extraEnv`: added to the child's environment (the scale bench's 2 MB pages).
 */
export function appProcess(
  file: string,
  queries: readonly Query[],
  record?: string,
  extraEnv: NodeJS.ProcessEnv = {},
): AppProcessFigures {
  const args = [path.join(root, "bench/engine-child.ts"), file, JSON.stringify(queries)];
  const { env } = builtWorkersEnv();
  return JSON.parse(
    runNodeChild(record ? [...args, record] : args, { ...env, ...extraEnv }),
  ) as AppProcessFigures;
}
