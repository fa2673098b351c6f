// What each bench module reports; bench/run.ts prints them side by side.
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

export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
