// What each bench module reports; bench/run.ts prints them side by side.
import fs from "node:fs";
import path from "node:path";

export interface BenchRow {
  area: "import" | "engine" | "metrics" | "export" | "paths" | "cluster" | "predict" | "trends" | "funnel";
  name: string;
  /** events in the data set */
  events: number;
  strataMs: number;
  /** CPU time (user + system) of Strata's work, ms, when measured: wall time is distorted on a shared machine */
  cpuMs?: number;
  /** the same work in DuckDB, in the same process run; null when there is no peer number */
  peerMs: number | null;
  /** peak resident memory of the process after this row, MB */
  peakRssMb: number;
  note?: string;
}

export interface BenchContext {
  /** data-set sizes in events, e.g. [1_000_000, 10_000_000] */
  sizes: number[];
  /** where seeded files and workspaces go (gitignored) */
  dataDir: string;
  log(line: string): void;
}

/**
 * Peak resident memory of this process, MB. getrusage's maxRSS is not this process's alone on Linux:
 * a process the bench spawns starts with its parent's high-water mark (fork copies the parent's
 * memory map, exec keeps the mark), so a 45 MB child of a 600 MB bench reports 577 MB. The high-water
 * mark of this process's own map is /proc/self/status's VmHWM; maxRSS where there is no /proc.
 */
export function peakRssMb(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
    if (hwm?.[1]) return Math.round(Number(hwm[1]) / 1024);
  } catch {
    // no /proc: below
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * The arguments of Node for a whole `strata query` process whose figures are printed to stderr as
 * "FIGURES <peak RSS kB> <CPU us>" (bench/exit-figures.cjs), as a user runs it: `node strata.cjs ...`.
 */
export const exitFigures = path.join(import.meta.dirname, "exit-figures.cjs");

export function cliProcessArgs(args: readonly string[]): string[] {
  const bench = import.meta.dirname;
  return ["--require", exitFigures, path.join(bench, "../scripts/strata.cjs"), ...args];
}
