// The ClickHouse backend (issue 19): `strata push` throughput and the engine bench's four headline
// queries on the 2-shard loopback cluster, beside the local engine and DuckDB on the same events in
// the same run, plus each server's memory. Needs the cluster (scripts/clickhouse-cluster.sh start).
// The seeded workspace is pushed to a fresh database every run, so the push figure is a full push.
//   BENCH_AREAS=cluster BENCH_SIZES=1000000 npm run bench
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { ClickHouseEngine, workspaceSource } from "../src-main/clickhouse/engine.ts";
import { ChHttp } from "../src-main/clickhouse/http.ts";
import { push } from "../src-main/clickhouse/push.ts";
import { createEngine } from "../src-main/engine/index.ts";
import { Workspace } from "../src-main/workspace/workspace.ts";
import { best } from "./best.ts";
import { CASES, seedDuck } from "./engine.ts";
import { seedWorkspace } from "./seed-workspace.ts";
import { type BenchContext, type BenchRow, peakRssMb } from "./types.ts";

function serverMemory(): string {
  const state = process.env.STRATA_CH_STATE ?? path.join(os.tmpdir(), "strata-clickhouse");
  const parts: string[] = [];
  for (const s of ["ch1", "ch2"]) {
    try {
      const pid = fs.readFileSync(path.join(state, s, "pid"), "utf8").trim();
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      parts.push(`${s} ${Math.round(kb("VmRSS") / 1024)} MB (peak ${Math.round(kb("VmHWM") / 1024)} MB)`);
    } catch {
      parts.push(`${s} ?`);
    }
  }
  return parts.join(", ");
}

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of ctx.sizes) {
    const file = path.join(ctx.dataDir, `engine-${size}.strata`);
    seedWorkspace(file, size, ctx.log);
    const duck = await seedDuck(path.join(ctx.dataDir, `engine-${size}.duckdb`), size, ctx.log);
    const ws = Workspace.open(file, { readonly: true });
    const database = `bench_${size}`;
    const ch = new ChHttp({
      url: process.env.STRATA_CLICKHOUSE_URL ?? "http://127.0.0.1:19123",
      cluster: process.env.STRATA_CLICKHOUSE_CLUSTER ?? "strata",
      database,
      user: "default",
      password: process.env.STRATA_CLICKHOUSE_PASSWORD ?? "",
    });
    await ch.on("default").exec(`DROP DATABASE IF EXISTS ${database} ON CLUSTER ${ch.target.cluster}`);
    const t0 = performance.now();
    const report = await push(ws.db, ch, (p) => {
      if (p.phase === "events" && p.eventsSent % 1_000_000 < 100_000)
        ctx.log(`push ${p.eventsSent.toLocaleString("en-US")} / ${p.eventsTotal.toLocaleString("en-US")}`);
    });
    const pushMs = performance.now() - t0;
    ctx.log(
      `push @ ${size}: ${(pushMs / 1000).toFixed(1)} s, ${report.eventsPerSecond} events/s; ${serverMemory()}`,
    );
    rows.push({
      area: "cluster",
      name: "push (events + users, gzip JSONEachRow)",
      events: size,
      strataMs: pushMs,
      peerMs: null,
      peakRssMb: peakRssMb(),
      note: `${report.eventsPerSecond.toLocaleString("en-US")} events/s; ${serverMemory()}`,
    });
    const local = createEngine(ws);
    const remote = new ClickHouseEngine(ch, workspaceSource(ws.db));
    for (const c of CASES) {
      const onCluster = () => remote.run(c.query);
      await onCluster();
      const r = await best(3, onCluster);
      const l = await best(3, () => local.run(c.query));
      const sqlRun = async () => (await duck.con.runAndReadAll(c.sql)).getRowObjectsJS();
      await sqlRun();
      const d = await best(3, sqlRun);
      const same = isDeepStrictEqual(
        JSON.parse(JSON.stringify(r.value)),
        JSON.parse(JSON.stringify(l.value)),
      );
      const problem = c.agree(r.value, d.value as Record<string, unknown>[]);
      const note = `local ${l.ms.toFixed(0)} ms; ${same ? "cluster = local" : "CLUSTER DIFFERS FROM LOCAL"}; ${problem ?? "agrees with DuckDB"}; ${serverMemory()}`;
      ctx.log(`${c.name} @ ${size}: cluster ${r.ms.toFixed(1)} ms, ${note}, duckdb ${d.ms.toFixed(1)} ms`);
      rows.push({
        area: "cluster",
        name: c.name,
        events: size,
        strataMs: r.ms,
        peerMs: d.ms,
        peakRssMb: peakRssMb(),
        note,
      });
    }
    await local.close();
    ws.close();
    duck.con.closeSync();
    duck.inst.closeSync();
  }
  return rows;
}
