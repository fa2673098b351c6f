// `npm run bench`: every area's benchmark on seeded data of 1M and 10M events, each timed beside
// DuckDB doing the same work in the same process run. Prints one table; writes bench/data/results.json.
//   BENCH_SIZES=1000000 npm run bench        only the 1M data set
//   BENCH_AREAS=engine,import npm run bench  only some areas
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchContext, BenchRow } from "./types.ts";

const here = import.meta.dirname;
const dataDir = path.join(here, "data");
fs.mkdirSync(dataDir, { recursive: true });

const sizes = (process.env.BENCH_SIZES ?? "1000000,10000000").split(",").map((s) => Number(s.trim()));
const areas = (process.env.BENCH_AREAS ?? "import,engine,metrics,export,paths,trends,predict")
  .split(",")
  .map((s) => s.trim());
const ctx: BenchContext = { sizes, dataDir, log: (line) => process.stderr.write(`${line}\n`) };

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
const loadBefore = load();
const rows: BenchRow[] = [];
for (const area of areas) {
  const file = path.join(here, `${area}.ts`);
  if (!fs.existsSync(file)) {
    ctx.log(`(no bench for ${area})`);
    continue;
  }
  ctx.log(`== ${area}`);
  const mod = (await import(file)) as { bench(ctx: BenchContext): Promise<BenchRow[]> };
  rows.push(...(await mod.bench(ctx)));
}

const fmt = (ms: number | null) =>
  ms === null ? "-" : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
const header = ["area", "what", "events", "strata", "cpu", "duckdb", "ratio", "peak RSS", "note"];
const table = rows.map((r) => [
  r.area,
  r.name,
  r.events.toLocaleString("en-US"),
  fmt(r.strataMs),
  fmt(r.cpuMs ?? null),
  fmt(r.peerMs),
  r.peerMs ? (r.strataMs / r.peerMs).toFixed(2) : "-",
  `${r.peakRssMb} MB`,
  r.note ?? "",
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => (t[i] ?? "").length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
process.stdout.write(`${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n`);
for (const t of table) process.stdout.write(`${line(t)}\n`);
process.stdout.write("\nratio = strata time / DuckDB time in the same run (below 1: Strata is faster)\n");
process.stdout.write(
  "cpu = user + system CPU time of Strata's work, where measured (wall time suffers on a loaded machine)\n",
);
process.stdout.write(
  `load average (1, 5, 15 min): ${loadBefore} before, ${load()} after, on ${os.cpus().length} CPUs\n`,
);
fs.writeFileSync(
  path.join(dataDir, "results.json"),
  JSON.stringify(
    { at: new Date().toISOString(), load: { before: loadBefore, after: load() }, rows },
    null,
    2,
  ),
);
