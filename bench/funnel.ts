// Funnel queries alone, on the engine bench's seeded workspace, with the process's CPU time (all
// threads: the query workers included) beside wall time, since the machine is shared and wall time
// mostly measures the neighbours. Each case runs once untimed, then is timed as the best of five.
//   BENCH_SIZES=1000000 BENCH_AREAS=funnel npm run bench
import path from "node:path";
import { createEngine } from "../src-main/engine/index.ts";
import { Workspace } from "../src-main/workspace/workspace.ts";
import type { QueryOf } from "../src-preload/contract/query-kinds.ts";
import { seedWorkspace } from "./seed-workspace.ts";
import { type BenchContext, type BenchRow, peakRssMb } from "./types.ts";

const RANGE = { from: "2024-01-01", to: "2024-06-30" };
const FOUR = [{ event: "signup" }, { event: "view_item" }, { event: "add_to_cart" }, { event: "purchase" }];

export const FUNNEL_CASES: { name: string; query: QueryOf<"funnel"> }[] = [
  {
    name: "4 steps ordered, 7-day window",
    query: { kind: "funnel", steps: FOUR, window: { value: 7, unit: "day" }, range: RANGE },
  },
  {
    name: "4 steps ordered, a step filter",
    query: {
      kind: "funnel",
      steps: [
        { event: "signup" },
        { event: "view_item", where: [{ property: "platform", op: "eq", value: "ios" }] },
        { event: "add_to_cart" },
        { event: "purchase" },
      ],
      range: RANGE,
    },
  },
  { name: "4 steps strict", query: { kind: "funnel", steps: FOUR, order: "strict", range: RANGE } },
  {
    name: "3 steps unordered",
    query: { kind: "funnel", steps: FOUR.slice(1), order: "unordered", range: RANGE },
  },
  {
    name: "4 steps ordered, breakdown by platform",
    query: { kind: "funnel", steps: FOUR, range: RANGE, breakdown: { property: "platform" } },
  },
  // issue 15's options: no "before" figure exists for these
  {
    name: "4 steps ordered, platform held constant",
    query: { kind: "funnel", steps: FOUR, range: RANGE, holdConstant: ["platform"] },
  },
  {
    name: "4 steps ordered, step 2 optional",
    query: { kind: "funnel", steps: FOUR, range: RANGE, optionalSteps: [1] },
  },
];

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of ctx.sizes) {
    const file = path.join(ctx.dataDir, `engine-${size}.strata`);
    seedWorkspace(file, size, ctx.log);
    const ws = Workspace.open(file, { readonly: true });
    const engine = createEngine(ws);
    for (const c of FUNNEL_CASES) {
      await engine.run(c.query);
      let wall = Number.POSITIVE_INFINITY;
      let cpu = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 5; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await engine.run(c.query);
        const t = performance.now() - t0;
        const used = process.cpuUsage(c0);
        wall = Math.min(wall, t);
        cpu = Math.min(cpu, (used.user + used.system) / 1000);
      }
      ctx.log(`funnel ${c.name} @ ${size}: ${wall.toFixed(1)} ms wall, ${cpu.toFixed(1)} ms CPU`);
      rows.push({
        area: "funnel",
        name: c.name,
        events: size,
        strataMs: wall,
        peerMs: null,
        peakRssMb: peakRssMb(),
        note: `CPU ${cpu.toFixed(1)} ms (user+sys, all threads, best of 5)`,
      });
    }
    await engine.close();
    ws.close();
  }
  return rows;
}
