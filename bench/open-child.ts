// Run by bench/engine.ts in a fresh process, after the workspace was dropped from the page cache:
// opens it as the one-shot CLI does (no page check, only the columns most queries read) or as the
// app does (page check, every column), and prints {"ms", "cpuMs", "rssMb"} of the open alone.
//   node bench/open-child.ts FILE cli|app
import { openTimeline } from "../src-main/engine/columns/index.ts";
import { Workspace } from "../src-main/workspace/workspace.ts";
import { peakRssMb } from "./types.ts";

const [file, how] = process.argv.slice(2);
if (!file || (how !== "cli" && how !== "app"))
  throw new Error("usage: node bench/open-child.ts FILE cli|app");
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const ws = Workspace.open(file, { readonly: true, quickCheck: how === "app" });
const tl = openTimeline(ws.db, { lazy: how === "cli" });
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
ws.close();
const out = {
  ms,
  cpuMs: (cpu.user + cpu.system) / 1000,
  rssMb: peakRssMb(),
  events: tl.nEvents,
};
process.stdout.write(`${JSON.stringify(out)}\n`);
