// Times whole processes from a small one, as a shell would start them: the bench's own process holds
// DuckDB and ~900 MB, and forking it for each `strata query` cost ~20-30 ms of every figure (a bare
// `/bin/true` spawned from it took 30-43 ms against 9-11 ms from a small Node process). Run by
// bench/engine.ts; the command inherits this process's environment. Before each run the file is
// dropped from the page cache (cold.ts); the command's stderr must carry bench/exit-figures.cjs's
// FIGURES line (peak RSS, CPU).
//   node bench/process-timer.ts FILE RUNS COMMAND [ARGS...]   -> JSON: { runs, how } on stdout
import { spawnSync } from "node:child_process";
import { dropFromCache } from "./cold.ts";

export interface TimedRun {
  ms: number;
  cpuMs: number;
  rssMb: number;
}

const [file, runs, command, ...args] = process.argv.slice(2);
if (!file || !command || !(Number(runs) >= 1))
  throw new Error("usage: node bench/process-timer.ts FILE RUNS COMMAND [ARGS...] (RUNS >= 1)");
const timed: TimedRun[] = [];
let how = "";
for (let i = 0; i < Number(runs); i++) {
  how = dropFromCache(file);
  const t0 = performance.now();
  const r = spawnSync(command, args, { encoding: "utf8" });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr}`);
  const [, rss, cpu] = /FIGURES (\d+) (\d+)/.exec(r.stderr) ?? [];
  if (rss === undefined || cpu === undefined) throw new Error(`${command} printed no FIGURES line`);
  timed.push({ ms, cpuMs: Number(cpu) / 1000, rssMb: Math.round(Number(rss) / 1024) });
}
process.stdout.write(`${JSON.stringify({ runs: timed, how })}\n`);
