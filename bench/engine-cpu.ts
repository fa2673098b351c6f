// The engine's own CPU time per query kind, for changes to its hot loops on a shared machine (where
// wall time says more about the other processes than about the code). The bench queries of
// bench/engine.ts run in this thread (InProcessEngine: no workers, no DuckDB beside them), so the
// process's CPU time over a run is the engine's work. Prints, per query, the least, median and mean
// CPU time over the runs, and the least wall time.
//   node bench/engine-cpu.ts [events=1000000] [runs=7]     BENCH_DATA=dir to share a seeded workspace
import path from "node:path";
import { InProcessEngine } from "../src-main/engine/in-process-engine.ts";
import { Workspace } from "../src-main/workspace/workspace.ts";
import { CASES } from "./engine.ts";
import { seedWorkspace } from "./seed-workspace.ts";

const events = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 7);
const dataDir = process.env.BENCH_DATA ?? path.join(import.meta.dirname, "data");
const file = path.join(dataDir, `engine-${events}.strata`);
seedWorkspace(file, events, (l) => process.stderr.write(`${l}\n`));

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const ws = Workspace.open(file, { readonly: true });
const engine = new InProcessEngine(ws.db);
engine.timeline();
const rows: { query: string; cpuMinMs: number; cpuMedianMs: number; cpuMeanMs: number; wallMinMs: number }[] =
  [];
for (const c of CASES) {
  await engine.run(c.query);
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = cpuMs();
    const w0 = performance.now();
    await engine.run(c.query);
    wall.push(performance.now() - w0);
    cpu.push(cpuMs() - c0);
  }
  rows.push({
    query: c.name,
    cpuMinMs: Math.min(...cpu),
    cpuMedianMs: median(cpu),
    cpuMeanMs: cpu.reduce((a, b) => a + b, 0) / cpu.length,
    wallMinMs: Math.min(...wall),
  });
}
ws.close();
for (const r of rows)
  process.stdout.write(
    `${r.query.padEnd(40)} cpu min ${r.cpuMinMs.toFixed(1).padStart(6)} ms  median ${r.cpuMedianMs.toFixed(1).padStart(6)} ms  mean ${r.cpuMeanMs.toFixed(1).padStart(6)} ms  wall min ${r.wallMinMs.toFixed(1).padStart(6)} ms\n`,
  );
