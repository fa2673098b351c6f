// Run by bench/engine.ts in a child process, so that Strata's own peak memory is measured without
// DuckDB beside it: opens the workspace as the app does (query workers), runs the bench queries
// once each, prints {"ms": total, "rssMb": peak}.
//   node bench/engine-child.ts FILE QUERIES_JSON
import { createEngine } from "../src-main/engine/index.ts";
import { Workspace } from "../src-main/workspace/workspace.ts";
import type { Query } from "../src-preload/contract/queries.ts";

const [file, queries] = process.argv.slice(2);
if (!file || !queries) throw new Error("usage: node bench/engine-child.ts FILE QUERIES_JSON");
const ws = Workspace.open(file, { readonly: true });
const engine = createEngine(ws);
const t0 = performance.now();
for (const q of JSON.parse(queries) as Query[]) await engine.run(q);
const ms = performance.now() - t0;
await engine.close();
ws.close();
process.stdout.write(`${JSON.stringify({ ms, rssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
