// Run by bench/engine.ts in a child process (after the workspace was dropped from the page cache),
// so that Strata's own time and memory are measured without DuckDB beside it: opens the workspace as
// the app does (page check, query workers), runs the bench queries once each, and prints the open
// plus each report's time, CPU time (every thread) and the process's peak RSS after it. RECORD: the
// app's record of checked files (workspace/verified.ts); a file it holds skips the page check.
//   node bench/engine-child.ts FILE QUERIES_JSON [RECORD]
import module from "node:module";
import { appEngine, engineWhilePagesChecked } from "../src-main/engine/index.ts";
import { VerifiedFiles } from "../src-main/workspace/verified.ts";
import { Workspace } from "../src-main/workspace/workspace.ts";

// the query workers load their modules after this, from the compile cache as the CLI does (the app
// itself is bundled): the figures are the engine's, not TypeScript stripping's
module.enableCompileCache?.();
// ...which a worker thread uses only when told by its environment (enableCompileCache is per thread)
const cacheDir = module.getCompileCacheDir?.();
if (cacheDir) process.env.NODE_COMPILE_CACHE ??= cacheDir;

import type { Query } from "../src-preload/contract/queries.ts";
import { peakRssMb } from "./types.ts";

const [file, queries, record] = process.argv.slice(2);
if (!file || !queries) throw new Error("usage: node bench/engine-child.ts FILE QUERIES_JSON [RECORD]");
const rssMb = peakRssMb;
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
// as Session.open does: a page check the open owes runs while the workers read the columns
const ws = Workspace.open(file, {
  readonly: true,
  deferPageCheck: true,
  ...(record ? { verified: new VerifiedFiles(record) } : {}),
});
const engine = ws.owesPageCheck ? engineWhilePagesChecked(ws) : appEngine(ws);
const reports: { kind: string; ms: number; cpuMs: number; rssMb: number }[] = [];
for (const q of JSON.parse(queries) as Query[]) {
  const c = process.cpuUsage();
  const t = performance.now();
  await engine.run(q);
  reports.push({
    kind: q.kind,
    ms: performance.now() - t,
    cpuMs: cpuMs(process.cpuUsage(c)),
    rssMb: rssMb(),
  });
}
const ms = performance.now() - t0;
const cpu = cpuMs(process.cpuUsage(cpu0));
await engine.close();
ws.close();
process.stdout.write(`${JSON.stringify({ ms, cpuMs: cpu, rssMb: rssMb(), reports })}\n`);
