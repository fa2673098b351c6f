// Propensity and best send hour (issue 17) on the seeded workspaces of bench/engine.ts (the same
// file when it exists): training (features at the cutoff + fitting), scoring everyone at the
// as-of day, and the peak memory, each size in its own child process. No peer engine trains a
// model, so propensity has no ratio; the best send hour is plain counting, and DuckDB answers it in
// SQL beside (send-hour-sql.ts), its answer compared. The machine is shared: run it a few times and
// report the range.
//   BENCH_SIZES=1000000 BENCH_AREAS=predict npm run bench
import { spawnSync } from "node:child_process";
import path from "node:path";
import { best } from "./best.ts";
import { seedDuck } from "./engine.ts";
import { seedWorkspace } from "./seed-workspace.ts";
import { SEND_HOUR_SQL, type SendGrid, sendGridsAgree } from "./send-hour-sql.ts";
import type { BenchContext, BenchRow } from "./types.ts";

interface ChildResult {
  totalMs: number;
  totalCpuMs: number;
  revenueColumnMs: number;
  featuresMs: number;
  fitMs: number;
  measureMs: number;
  scoreMs: number;
  featuresCpuMs: number;
  fitCpuMs: number;
  measureCpuMs: number;
  scoreCpuMs: number;
  sendMs: number;
  sendCpuMs: number;
  send: SendGrid;
  /** 1-minute load average before and after the propensity query (the machine is shared) */
  load: [number, number];
  rssBefore: number;
  rssModel: number;
  rssMb: number;
  users: number;
  scored: number;
  auc: number | null;
  baselineAuc: number | null;
}

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const root = path.resolve(import.meta.dirname, "..");
  for (const size of ctx.sizes) {
    const file = path.join(ctx.dataDir, `engine-${size}.strata`);
    seedWorkspace(file, size, ctx.log);
    const r = spawnSync(process.execPath, [path.join(root, "bench/predict-child.ts"), file], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    if (r.status !== 0) throw new Error(`predict bench failed: ${r.stderr}`);
    const c = JSON.parse(r.stdout.trim().split("\n").pop() as string) as ChildResult;
    ctx.log(`propensity @ ${size}: ${JSON.stringify(c)}`);
    const note = `${c.users.toLocaleString("en-US")} users trained+tested, ${c.scored.toLocaleString("en-US")} scored; AUC ${c.auc?.toFixed(3)} vs baseline ${c.baselineAuc?.toFixed(3)}`;
    const row = (name: string, ms: number, extra?: string): BenchRow => ({
      area: "predict",
      name,
      events: size,
      strataMs: ms,
      peerMs: null,
      peakRssMb: c.rssMb,
      ...(extra ? { note: extra } : {}),
    });
    const cpu = (ms: number) => `CPU ${(ms / 1000).toFixed(2)} s`;
    const load = `load ${c.load[0].toFixed(1)}-${c.load[1].toFixed(1)}`;
    rows.push(
      row(
        "propensity: train (features at cutoff + fit)",
        c.featuresMs + c.fitMs,
        `${cpu(c.featuresCpuMs + c.fitCpuMs)}; ${note}`,
      ),
      row("propensity: score everyone at as-of", c.scoreMs, cpu(c.scoreCpuMs)),
      row(
        "propensity: whole query",
        c.totalMs,
        `${cpu(c.totalCpuMs)}; RSS ${c.rssBefore} MB before, ${c.rssModel} MB after the model; ${load}`,
      ),
    );
    // DuckDB's best of three against the engine's one computation (then kept per timeline)
    const duck = await seedDuck(path.join(ctx.dataDir, `engine-${size}.duckdb`), size, ctx.log);
    const sql = async () => (await duck.con.runAndReadAll(SEND_HOUR_SQL)).getRowObjectsJS();
    const d = await best(3, sql);
    const problem = sendGridsAgree(c.send, d.value as Record<string, unknown>[]);
    duck.con.closeSync();
    duck.inst.closeSync();
    rows.push(
      {
        ...row("best send hour, every user (first computation)", c.sendMs),
        peerMs: d.ms,
        note: `${problem ?? "answers agree"}; ${cpu(c.sendCpuMs)}; window ${c.send.from}..${c.send.to}`,
      },
      row("first read of the revenue column (once per workspace)", c.revenueColumnMs),
    );
  }
  return rows;
}
