// What each bench module reports; bench/run.ts prints them side by side.
import fs from "node:fs";

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
 * For `node -e`: prints "FIGURES <peak RSS kB> <CPU us>" to stderr at exit (a whole CLI process's
 * figures), the peak read as peakRssMb does.
 */
export const EXIT_FIGURES_HOOK =
  "process.on('exit',()=>{const u=process.resourceUsage();let k=u.maxRSS;" +
  "try{const m=/VmHWM:\\s+(\\d+) kB/.exec(require('fs').readFileSync('/proc/self/status','utf8'));if(m)k=Number(m[1])}catch{}" +
  "process.stderr.write('FIGURES '+k+' '+(u.userCPUTime+u.systemCPUTime)+'\\n')});";
