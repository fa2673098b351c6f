// Paths and segment flow (issue 16) on the engine bench's seeded workspaces (same files, seeded once
// by bench/engine.ts's helpers). The paths query runs beside DuckDB doing the same in SQL (window
// functions for sessions, a self-join for links); segment flow has no SQL peer here. Best of five
// after one untimed run; the machine is shared, so read figures as ranges.
//   BENCH_SIZES=10000000 BENCH_AREAS=paths npm run bench
import path from "node:path";
import { createEngine } from "../src-main/engine/index.ts";
import { Workspace } from "../src-main/workspace/workspace.ts";
import type { PathsResult, SegmentFlowResult } from "../src-preload/contract/paths.ts";
import type { Query } from "../src-preload/contract/queries.ts";
import { seedDuck } from "./engine.ts";
import { SEED_EVENT_NAMES } from "./seed.ts";
import { seedWorkspace } from "./seed-workspace.ts";
import { segmentFlowAgrees, segmentFlowSql } from "./segment-flow-sql.ts";
import { type BenchContext, type BenchRow, peakRssMb } from "./types.ts";

const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);

/**
 * Best of `runs` by wall time, with the process's CPU time (all threads) of that run: on a shared
 * machine wall time mostly measures the neighbours, CPU time what the query itself costs.
 */
async function best(runs: number, f: () => Promise<unknown>) {
  let out = { ms: Number.POSITIVE_INFINITY, cpuMs: 0, value: undefined as unknown };
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const value = await f();
    const c = process.cpuUsage(c0);
    const ms = performance.now() - t0;
    if (ms < out.ms) out = { ms, cpuMs: (c.user + c.system) / 1000, value };
  }
  return out;
}
const GAP = 3 * 3_600_000;
const DEPTH = 5;

const PATHS: Query = {
  kind: "paths",
  start: { event: "view_item" },
  depth: DEPTH,
  range: { from: "2024-01-01", to: "2024-06-30" },
  sessionGap: { value: 3, unit: "hour" },
};

// every (step, from, to-or-null) with its users: nodes, links and drop-off all follow from it
const PATHS_SQL = `
  WITH r AS (SELECT u, e, t, row_number() OVER (PARTITION BY u ORDER BY t) AS rn FROM ev
             WHERE t >= ${ms("2024-01-01")} AND t < ${ms("2024-07-01")}),
  c AS (SELECT u, e, rn, CAST(coalesce(t - lag(t) OVER (PARTITION BY u ORDER BY rn) > ${GAP}, false) AS INTEGER) AS cut FROM r),
  s AS (SELECT u, e, rn, sum(cut) OVER (PARTITION BY u ORDER BY rn) AS sess FROM c),
  st AS (SELECT u, min(rn) AS rn0, arg_min(sess, rn) AS sess0 FROM s WHERE e = ${SEED_EVENT_NAMES.indexOf("view_item")} GROUP BY u),
  p AS (SELECT s.u, CAST(s.rn - st.rn0 AS INTEGER) AS step, s.e FROM s JOIN st ON s.u = st.u
        AND s.rn >= st.rn0 AND s.rn < st.rn0 + ${DEPTH} AND s.sess = st.sess0)
  SELECT a.step, a.e AS f, b.e AS t, CAST(count(*) AS INTEGER) AS n FROM p a
  LEFT JOIN p b ON b.u = a.u AND b.step = a.step + 1 GROUP BY ALL`;

function pathsAgree(s: PathsResult, rows: Record<string, unknown>[]): string | null {
  const name = (x: unknown) => SEED_EVENT_NAMES[Number(x)] as string;
  const want = new Map<string, number>();
  const add = (k: string, n: number) => want.set(k, (want.get(k) ?? 0) + n);
  for (const r of rows) {
    const n = Number(r.n);
    add(`node ${r.step} ${name(r.f)}`, n);
    if (r.t !== null) add(`link ${r.step} ${name(r.f)} ${name(r.t)}`, n);
    else if (Number(r.step) < DEPTH - 1) add(`drop ${r.step} ${name(r.f)}`, n);
  }
  const got = new Map<string, number>();
  for (const x of s.nodes) got.set(`node ${x.step} ${x.event}`, x.users);
  for (const x of s.links) got.set(`link ${x.step} ${x.from} ${x.to}`, x.users);
  for (const x of s.dropOff) got.set(`drop ${x.step} ${x.event}`, x.users);
  const bad = [...new Set([...want.keys(), ...got.keys()])].filter((k) => want.get(k) !== got.get(k));
  return bad.length === 0 ? null : `${bad.length} figures differ, e.g. ${bad[0]}`;
}

const FLOW: Query = {
  kind: "segmentFlow",
  states: [
    {
      label: "Champion",
      segment: {
        performed: { event: "purchase" },
        count: { op: "gte", value: 2 },
        within: { last: 30, unit: "day" },
      },
    },
    {
      label: "Engaged",
      segment: {
        performed: { event: "session_start" },
        count: { op: "gte", value: 2 },
        within: { last: 14, unit: "day" },
      },
    },
    { label: "New", segment: { firstSeen: { last: 14, unit: "day" } } },
    { label: "Dormant", segment: { not: { lastSeen: { last: 30, unit: "day" } } } },
  ],
  at: { every: "month", range: { from: "2024-01-01", to: "2024-06-30" } },
};

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of ctx.sizes) {
    const file = path.join(ctx.dataDir, `engine-${size}.strata`);
    seedWorkspace(file, size, ctx.log);
    const duck = await seedDuck(path.join(ctx.dataDir, `engine-${size}.duckdb`), size, ctx.log);
    const ws = Workspace.open(file, { readonly: true });
    const engine = createEngine(ws);

    const runPaths = () => engine.run(PATHS);
    await runPaths();
    const s = await best(5, runPaths);
    const sql = async () => (await duck.con.runAndReadAll(PATHS_SQL)).getRowObjectsJS();
    await sql();
    const d = await best(5, sql);
    const problem = pathsAgree(s.value as PathsResult, d.value as Record<string, unknown>[]);
    ctx.log(
      `paths depth 5 @ ${size}: strata ${s.ms.toFixed(1)} ms, duckdb ${d.ms.toFixed(1)} ms${problem ? ` (${problem})` : ""}`,
    );
    rows.push({
      area: "paths",
      name: "paths from view_item, depth 5, 3 h sessions",
      events: size,
      strataMs: s.ms,
      peerMs: d.ms,
      peakRssMb: peakRssMb(),
      note: `${problem ?? "answers agree"}; strata cpu ${s.cpuMs.toFixed(0)} ms`,
    });

    const runFlow = () => engine.run(FLOW);
    const first = (await runFlow()) as SegmentFlowResult;
    const f = await best(5, runFlow);
    const flowSql = segmentFlowSql(
      first.at,
      SEED_EVENT_NAMES.indexOf("purchase"),
      SEED_EVENT_NAMES.indexOf("session_start"),
    );
    const duckFlow = async () => (await duck.con.runAndReadAll(flowSql)).getRowObjectsJS();
    await duckFlow();
    const df = await best(5, duckFlow);
    // the dates are the engine's; check them against the spec's rule (each month's last day) first
    const monthEnds = [1, 2, 3, 4, 5, 6].map((m) =>
      new Date(Date.UTC(2024, m, 0)).toISOString().slice(0, 10),
    );
    const flowProblem =
      first.at.join() === monthEnds.join()
        ? segmentFlowAgrees(first, df.value as Record<string, unknown>[])
        : `dates ${first.at.join()}, want ${monthEnds.join()}`;
    ctx.log(
      `segment flow 4 states x ${first.at.length} dates @ ${size}: strata ${f.ms.toFixed(1)} ms (cpu ${f.cpuMs.toFixed(0)} ms), duckdb ${df.ms.toFixed(1)} ms${flowProblem ? ` (${flowProblem})` : ""}`,
    );
    rows.push({
      area: "paths",
      name: `segment flow, 4 states x ${first.at.length} dates`,
      events: size,
      strataMs: f.ms,
      peerMs: df.ms,
      peakRssMb: peakRssMb(),
      note: `${flowProblem ?? "answers agree"}; strata cpu ${f.cpuMs.toFixed(0)} ms`,
    });
    await engine.close();
    ws.close();
    duck.con.closeSync();
    duck.inst.closeSync();
  }
  return rows;
}
