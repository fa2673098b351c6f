// Metric kinds (issue 5) on seeded workspaces of each size, each timed beside DuckDB answering the
// same question with SQL over the same events, in the same process. Seeding (the workspace, its
// saved columns, the DuckDB table) is built once into bench/data and not counted; every query is run
// once untimed (property columns load lazily) and then timed as the best of five runs: in this process
// on one thread, and again through the app's engine (its pool of two query workers, which splits the
// kinds that add up over users, sliced-kinds.ts), the wait an analyst has beside DuckDB's two threads.
// Last, each case alone in a fresh app process, for the peak memory of that one report.
//   BENCH_SIZES=10000000 BENCH_AREAS=metrics npm run bench
import fs from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { openTimeline } from "../src-main/engine/columns/index.ts";
import { makeContext } from "../src-main/engine/context.ts";
import { createEngine } from "../src-main/engine/index.ts";
import { engineMetricContext } from "../src-main/engine/metrics/engine.ts";
import { type MetricKind, runMetric } from "../src-main/engine/metrics/index.ts";
import { readSettings } from "../src-main/engine/read-settings.ts";
import { Workspace } from "../src-main/workspace/workspace.ts";
import type { QueryOf } from "../src-preload/contract/query-kinds.ts";
import { appProcess } from "./app-process.ts";
import { best, TIMED_RUNS } from "./best.ts";
import { SEED_EVENT_NAMES, seedEvents } from "./seed.ts";
import { seedWorkspace } from "./seed-workspace.ts";
import { type BenchContext, type BenchRow, peakRssMb } from "./types.ts";

const RANGE = { from: "2024-01-01", to: "2024-06-30" };
const IN_RANGE = "ts >= TIMESTAMP '2024-01-01' AND ts < TIMESTAMP '2024-07-01'";
const PURCHASE = SEED_EVENT_NAMES.indexOf("purchase");

export interface Case {
  name: string;
  query: QueryOf<MetricKind>;
  sql: string;
  /** a figure both answers must agree on, as a sanity check of the comparison */
  check?: (strata: unknown, duck: Record<string, unknown>[]) => string | null;
}

export const CASES: Case[] = [
  {
    name: "activeUsers DAU/WAU/MAU per day, 182 days",
    query: { kind: "activeUsers", range: RANGE },
    // DuckDB's best formulation we found: each active (user, day) covers the days up to its window's
    // end or the user's next active day, whichever is first, so a running sum of +1/-1 counts each
    // user once per day; the join of every day with 30 days of activity took 100x longer
    sql: `WITH d AS (SELECT DISTINCT u, CAST(ts AS DATE) AS day FROM ev
                   WHERE ts >= TIMESTAMP '2023-12-03' AND ts < TIMESTAMP '2024-07-01'),
          n AS (SELECT day, lead(day) OVER (PARTITION BY u ORDER BY day) AS nxt FROM d),
          deltas AS (SELECT day AS d0, 1 AS dd, 1 AS dw, 1 AS dm FROM n
                     UNION ALL SELECT day + 1, -1, 0, 0 FROM n
                     UNION ALL SELECT least(day + 7, coalesce(nxt, day + 7)), 0, -1, 0 FROM n
                     UNION ALL SELECT least(day + 30, coalesce(nxt, day + 30)), 0, 0, -1 FROM n),
          agg AS (SELECT d0, sum(dd) AS dd, sum(dw) AS dw, sum(dm) AS dm FROM deltas GROUP BY d0),
          cal AS (SELECT CAST(range AS DATE) AS day FROM range(DATE '2023-12-03', DATE '2024-07-01', INTERVAL 1 DAY)),
          run AS (SELECT cal.day, sum(coalesce(dd, 0)) OVER w AS dau, sum(coalesce(dw, 0)) OVER w AS wau,
                         sum(coalesce(dm, 0)) OVER w AS mau
                  FROM cal LEFT JOIN agg ON agg.d0 = cal.day WINDOW w AS (ORDER BY cal.day))
          SELECT day, CAST(dau AS INTEGER) AS dau, CAST(wau AS INTEGER) AS wau, CAST(mau AS INTEGER) AS mau
          FROM run WHERE day >= DATE '2024-01-01' ORDER BY day`,
    check: (s, d) => {
      const days = (s as { days: { dau: number; wau: number; mau: number }[] }).days;
      const a = days.map((x) => `${x.dau}/${x.wau}/${x.mau}`).join();
      const b = d.map((x) => `${x.dau}/${x.wau}/${x.mau}`).join();
      return a === b ? null : "DAU/WAU/MAU differ";
    },
  },
  {
    name: "churn weekly",
    query: { kind: "churn", interval: "week", range: RANGE },
    sql: `WITH a AS (SELECT DISTINCT u, date_trunc('week', ts) AS w FROM ev WHERE ${IN_RANGE})
          SELECT a.w, CAST(count(*) AS INTEGER) AS active, CAST(count(b.u) AS INTEGER) AS retained
          FROM a LEFT JOIN a b ON b.u = a.u AND b.w = a.w + INTERVAL 7 DAY GROUP BY a.w ORDER BY a.w`,
    check: (s, d) => {
      const p = (s as { periods: { active: number }[] }).periods.map((x) => x.active).join();
      return p === d.map((x) => x.active).join() ? null : "active per week differs";
    },
  },
  {
    name: "featureAdoption all events, weekly trend",
    query: { kind: "featureAdoption", range: RANGE },
    sql: `WITH f AS (SELECT u, e, date_trunc('week', ts) AS w FROM ev WHERE ${IN_RANGE})
          SELECT e, w, count(DISTINCT u) AS users FROM f GROUP BY GROUPING SETS ((e), (e, w), (w), ())`,
  },
  {
    name: "sessions (30-minute gap)",
    query: { kind: "sessions", range: RANGE },
    sql: `WITH x AS (SELECT u, t, CASE WHEN t - lag(t) OVER (PARTITION BY u ORDER BY t) <= 1800000 THEN 0 ELSE 1 END AS s
                     FROM ev WHERE ${IN_RANGE}),
          -- among events at the same instant the one that opens a session (s = 1) must come first
          y AS (SELECT u, t, sum(s) OVER (PARTITION BY u ORDER BY t, s DESC ROWS UNBOUNDED PRECEDING) AS sid FROM x),
          z AS (SELECT u, sid, (max(t) - min(t)) / 1000.0 AS len FROM y GROUP BY u, sid)
          SELECT CAST(count(*) AS INTEGER) AS sessions, CAST(count(DISTINCT u) AS INTEGER) AS users,
                 median(len) AS med, avg(len) AS avg FROM z`,
    check: (s, d) => {
      const r = s as { sessions: number; users: number };
      return r.sessions === d[0]?.sessions && r.users === d[0]?.users ? null : "session counts differ";
    },
  },
  {
    name: "activityHeatmap events",
    query: { kind: "activityHeatmap", range: RANGE },
    sql: `SELECT isodow(ts) - 1 AS wd, hour(ts) AS h, CAST(count(*) AS INTEGER) AS n FROM ev WHERE ${IN_RANGE} GROUP BY ALL`,
    check: (s, d) => {
      const cells = (s as { cells: number[][] }).cells;
      const bad = d.filter((x) => cells[x.wd as number]?.[x.h as number] !== x.n).length;
      return bad === 0 ? null : `${bad} cells differ`;
    },
  },
  {
    name: "revenue monthly (purchase price)",
    query: { kind: "revenue", event: { event: "purchase" }, property: "price", range: RANGE },
    sql: `SELECT date_trunc('month', ts) AS m, sum(price) FILTER (WHERE e = ${PURCHASE}) AS revenue,
                 count(DISTINCT u) AS active, count(DISTINCT u) FILTER (WHERE e = ${PURCHASE}) AS paying
          FROM ev WHERE ${IN_RANGE} GROUP BY m ORDER BY m`,
    check: (s, d) => {
      const p = (s as { periods: { revenue: number }[] }).periods;
      const bad = p.filter(
        (x, i) => Math.abs(x.revenue - Number(d[i]?.revenue)) > 1e-6 * Math.abs(x.revenue),
      );
      return bad.length === 0 && p.length === d.length ? null : "monthly revenue differs";
    },
  },
  rfmCase("rfm purchase x price", RANGE),
  // a recent fortnight, as an analyst's default range often is: most users have no event in it
  rfmCase("rfm purchase x price, June 1-14", { from: "2024-06-01", to: "2024-06-14" }),
];

function rfmCase(name: string, range: { from: string; to: string }): Case {
  const upTo = new Date(Date.parse(range.to) + 86_400_000).toISOString().slice(0, 10);
  const inRange = `ts >= TIMESTAMP '${range.from}' AND ts < TIMESTAMP '${upTo}'`;
  return {
    name,
    query: { kind: "rfm", event: { event: "purchase" }, monetary: "price", range },
    sql: `WITH u AS (SELECT u, DATE '${range.to}' - max(CAST(ts AS DATE)) AS recency, count(*) AS freq,
                            sum(price) AS monetary FROM ev WHERE e = ${PURCHASE} AND ${inRange} GROUP BY u),
          s AS (SELECT *, floor(5 * (rank() OVER (ORDER BY recency DESC) - 1) / count(*) OVER ()) + 1 AS r,
                       floor(5 * (rank() OVER (ORDER BY freq) - 1) / count(*) OVER ()) + 1 AS f,
                       floor(5 * (rank() OVER (ORDER BY monetary) - 1) / count(*) OVER ()) + 1 AS m FROM u)
          SELECT CAST(r AS INTEGER) AS r, CAST(f AS INTEGER) AS f, CAST(count(*) AS INTEGER) AS n FROM s GROUP BY ALL`,
    check: (s, d) => {
      const grid = (s as { grid: number[][] }).grid;
      const bad = d.filter((x) => grid[(x.r as number) - 1]?.[(x.f as number) - 1] !== x.n).length;
      return bad === 0 ? null : `${bad} R x F cells differ`;
    },
  };
}

/**
 * The property columns the cases read (price), and its values, saved into the workspace as the app's
 * first report that reads one saves it: the bench opens the workspace read-only, so without this every fresh
 * process below would build the column from 10M rows of JSON, as only a first report does.
 */
function savePropertyColumns(file: string, log: (l: string) => void): void {
  const ws = Workspace.open(file);
  try {
    const t0 = performance.now();
    const tl = openTimeline(ws.db, { save: true });
    tl.propColumn("price");
    // and its values where events have one, as the first revenue or rfm report saves them
    tl.propValues("price");
    const ms = performance.now() - t0;
    if (ms > 1000) log(`saved the price column into ${file} in ${(ms / 1000).toFixed(1)} s`);
  } finally {
    ws.close();
  }
}

async function seedDuck(file: string, events: number, log: (l: string) => void) {
  const fresh = !fs.existsSync(file);
  const inst = await DuckDBInstance.create(fresh ? `${file}.tmp` : file);
  const con = await inst.connect();
  if (fresh) {
    await con.run("CREATE TABLE raw (u INTEGER, e INTEGER, t BIGINT, price DOUBLE)");
    const app = await con.createAppender("raw");
    for (const e of seedEvents(events)) {
      app.appendInteger(Number(e.user.slice(1)));
      app.appendInteger(SEED_EVENT_NAMES.indexOf(e.event));
      app.appendBigInt(BigInt(e.time));
      if (e.props.price === undefined) app.appendNull();
      else app.appendDouble(e.props.price);
      app.endRow();
    }
    app.closeSync();
    await con.run("CREATE TABLE ev AS SELECT u, e, t, epoch_ms(t) AS ts, price FROM raw ORDER BY u, t");
    await con.run("DROP TABLE raw");
    await con.run("CHECKPOINT");
    con.closeSync();
    inst.closeSync();
    fs.renameSync(`${file}.tmp`, file);
    log(`seeded ${file}`);
    return seedDuck(file, events, log);
  }
  return { inst, con };
}

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of ctx.sizes) {
    const file = path.join(ctx.dataDir, `metrics-${size}.strata`);
    seedWorkspace(file, size, ctx.log);
    savePropertyColumns(file, ctx.log);
    const duck = await seedDuck(path.join(ctx.dataDir, `metrics-${size}.duckdb`), size, ctx.log);
    const ws = Workspace.open(file, { readonly: true });
    const tl = openTimeline(ws.db);
    const settings = readSettings(ws.db);
    // each case's DuckDB time and one-thread answer, for the same case through the app's engine
    const oneThread = new Map<string, { duckMs: number; answer: unknown }>();
    for (const c of CASES) {
      const q = c.query;
      const run = () => runMetric(q, engineMetricContext(makeContext(tl, ws.db, settings, {})));
      await run();
      const s = await best(TIMED_RUNS, run);
      const sqlRun = async () => (await duck.con.runAndReadAll(c.sql)).getRowObjectsJS();
      await sqlRun();
      const d = await best(TIMED_RUNS, sqlRun);
      oneThread.set(c.name, { duckMs: d.ms, answer: s.value });
      const problem = c.check?.(s.value, d.value as Record<string, unknown>[]) ?? null;
      ctx.log(
        `${c.name} @ ${size}: strata ${s.ms.toFixed(1)} ms, duckdb ${d.ms.toFixed(1)} ms${problem ? ` (${problem})` : ""}`,
      );
      rows.push({
        area: "metrics",
        name: c.name,
        events: size,
        strataMs: s.ms,
        peerMs: d.ms,
        peakRssMb: peakRssMb(),
        note: problem ?? (c.check ? "answers agree" : undefined),
      });
    }
    rows.push(...(await throughPool(ws, size, oneThread, ctx)));
    rows.push(...aloneInAProcess(file, size, ctx));
    ws.close();
    duck.con.closeSync();
    duck.inst.closeSync();
  }
  return rows;
}

/** Each case again through the app's engine (two query workers), beside DuckDB's time from above. */
async function throughPool(
  ws: Workspace,
  size: number,
  oneThread: Map<string, { duckMs: number; answer: unknown }>,
  ctx: BenchContext,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const engine = createEngine(ws, { workers: 2 });
  try {
    for (const c of CASES) {
      const run = () => engine.run(c.query);
      // a kind that runs whole goes to the next worker: warm both (each compiles its own code and
      // loads its own property columns), as in an app that has answered the kind before
      await run();
      await run();
      const s = await best(TIMED_RUNS, run);
      const before = oneThread.get(c.name);
      ctx.log(`${c.name} @ ${size}, app (two query workers): strata ${s.ms.toFixed(1)} ms`);
      rows.push({
        area: "metrics",
        name: `${c.name}, app (two query workers)`,
        events: size,
        strataMs: s.ms,
        peerMs: before?.duckMs ?? null,
        peakRssMb: peakRssMb(),
        note:
          JSON.stringify(s.value) === JSON.stringify(before?.answer)
            ? "DuckDB's time from the row above; the same answer as in one thread"
            : "DuckDB's time from the row above; ANSWER DIFFERS from the one-thread run",
      });
    }
  } finally {
    await engine.close();
  }
  return rows;
}

/**
 * Each case alone in a fresh process that opens the workspace as the app does and answers only that
 * report through the app's engine: the process's peak RSS (main thread and query workers) is the
 * memory that report costs, which the rows above cannot show (they share one process). Its time
 * includes starting the workers and their first read of the columns and property columns.
 */
function aloneInAProcess(file: string, size: number, ctx: BenchContext): BenchRow[] {
  return CASES.map((c) => {
    const run = appProcess(file, [c.query]);
    ctx.log(
      `${c.name} @ ${size}, alone in a fresh app process: ${run.ms.toFixed(0)} ms, peak RSS ${run.rssMb} MB`,
    );
    return {
      area: "metrics",
      name: `${c.name}, alone in a fresh app process (open + report)`,
      events: size,
      strataMs: run.ms,
      cpuMs: run.cpuMs,
      peerMs: null,
      peakRssMb: run.rssMb,
      note: "peak RSS of a process that opened the workspace and answered only this report",
    };
  });
}
