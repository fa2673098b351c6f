// The behavioral query engine (issue 4) on seeded workspaces of each size, beside DuckDB running the
// equivalent SQL on the same events in the same run. Seeding (the workspace with its saved columns,
// the DuckDB table ordered by user and time) happens once into bench/data and is not timed. Each
// query runs once untimed, then is timed as the best of five (the machine is shared). Also times,
// cold (the file dropped from the page cache first, see cold.ts) and each in its own process without
// DuckDB beside it: opening a workspace, whole `strata query` processes, and the app's open followed
// by four reports, with CPU time and peak memory.
//   BENCH_SIZES=10000000 BENCH_AREAS=engine npm run bench
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { hugePagesEnv, thpMode } from "../scripts/huge-pages.cjs";
import { createEngine } from "../src-main/engine/index.ts";
import { VerifiedFiles } from "../src-main/workspace/verified.ts";
import { Workspace } from "../src-main/workspace/workspace.ts";
import type { Query } from "../src-preload/contract/queries.ts";
import { appProcess, runNodeChild } from "./app-process.ts";
import { best, TIMED_RUNS } from "./best.ts";
import { builtCli, builtWorkersEnv } from "./built-cli.ts";
import { dropFromCache } from "./cold.ts";
import type { TimedRun } from "./process-timer.ts";
import { SEED_EVENT_NAMES, seedEvents } from "./seed.ts";
import { seedWorkspace } from "./seed-workspace.ts";
import { type BenchContext, type BenchRow, cliProcessArgs, exitFigures, peakRssMb } from "./types.ts";

const code = (name: (typeof SEED_EVENT_NAMES)[number]) => SEED_EVENT_NAMES.indexOf(name);
const DAY = 86_400_000;
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);

export interface Case {
  name: string;
  query: Query;
  sql: string;
  /** the figures both answers must agree on */
  agree: (strata: unknown, duck: Record<string, unknown>[]) => string | null;
}

const FUNNEL_RANGE = { from: "2024-01-01", to: "2024-06-30" };
const W7 = 7 * DAY;
const n = (x: unknown) => Number(x);

export const CASES: Case[] = [
  {
    name: "segment count, 3 conditions",
    query: {
      kind: "segmentCount",
      segment: {
        all: [
          { performed: { event: "purchase" }, count: { op: "gte", value: 2 } },
          { performed: { event: "view_item" }, within: { from: "2024-03-01", to: "2024-06-30" } },
          { performed: { event: "logout" }, count: { op: "eq", value: 0 } },
        ],
      },
    },
    sql: `SELECT CAST(count(*) AS INTEGER) AS users FROM (SELECT u FROM ev GROUP BY u HAVING
            count(*) FILTER (WHERE e = ${code("purchase")}) >= 2
            AND count(*) FILTER (WHERE e = ${code("view_item")} AND t >= ${ms("2024-03-01")} AND t < ${ms("2024-07-01")}) >= 1
            AND count(*) FILTER (WHERE e = ${code("logout")}) = 0)`,
    agree: (s, d) => ((s as { users: number }).users === n(d[0]?.users) ? null : "user counts differ"),
  },
  {
    name: "funnel, 4 steps ordered, 7-day window",
    query: {
      kind: "funnel",
      steps: [{ event: "signup" }, { event: "view_item" }, { event: "add_to_cart" }, { event: "purchase" }],
      window: { value: 7, unit: "day" },
      range: FUNNEL_RANGE,
    },
    // distinct step names, so each next step is the earliest occurrence at or after the previous one
    sql: `WITH r AS (SELECT u, e, t FROM ev WHERE t >= ${ms("2024-01-01")} AND t < ${ms("2024-07-01")}),
          s0 AS (SELECT u, t AS t0 FROM r WHERE e = ${code("signup")}),
          s1 AS (SELECT u, t AS t1 FROM r WHERE e = ${code("view_item")}),
          s2 AS (SELECT u, t AS t2 FROM r WHERE e = ${code("add_to_cart")}),
          s3 AS (SELECT u, t AS t3 FROM r WHERE e = ${code("purchase")}),
          a1 AS (SELECT s0.u, t0, t1 FROM s0 ASOF LEFT JOIN s1 ON s0.u = s1.u AND s1.t1 >= s0.t0),
          a2 AS (SELECT a1.u, t0, t1, t2 FROM a1 ASOF LEFT JOIN s2 ON a1.u = s2.u AND s2.t2 >= a1.t1),
          a3 AS (SELECT a2.u, t0, t1, t2, t3 FROM a2 ASOF LEFT JOIN s3 ON a2.u = s3.u AND s3.t3 >= a2.t2),
          per AS (SELECT u, max(1 + CAST(coalesce(t1 <= t0 + ${W7}, false) AS INTEGER)
                                  + CAST(coalesce(t2 <= t0 + ${W7}, false) AS INTEGER)
                                  + CAST(coalesce(t3 <= t0 + ${W7}, false) AS INTEGER)) AS reach FROM a3 GROUP BY u)
          SELECT CAST(count(*) AS INTEGER) AS c0, CAST(count(*) FILTER (WHERE reach >= 2) AS INTEGER) AS c1,
                 CAST(count(*) FILTER (WHERE reach >= 3) AS INTEGER) AS c2,
                 CAST(count(*) FILTER (WHERE reach >= 4) AS INTEGER) AS c3 FROM per`,
    agree: (s, d) => {
      const a = (s as { steps: { count: number }[] }).steps.map((x) => x.count).join();
      const b = [d[0]?.c0, d[0]?.c1, d[0]?.c2, d[0]?.c3].map(n).join();
      return a === b ? null : `step counts differ (${a} vs ${b})`;
    },
  },
  {
    name: "retention, 12 weeks",
    query: {
      kind: "retention",
      target: { event: "session_start" },
      return: { event: "session_start" },
      interval: "week",
      periods: 12,
      range: { from: "2024-04-01", to: "2024-06-23" },
    },
    sql: `WITH a AS (SELECT DISTINCT u, date_trunc('week', ts) AS w FROM ev
                     WHERE e = ${code("session_start")} AND t >= ${ms("2024-04-01")} AND t < ${ms("2024-06-24")})
          SELECT c.w AS start, CAST(datediff('week', c.w, b.w) AS INTEGER) AS k, CAST(count(*) AS INTEGER) AS n
          FROM a c JOIN a b ON b.u = c.u AND b.w >= c.w GROUP BY ALL`,
    agree: (s, d) => {
      const cohorts = (s as { cohorts: { values: number[] }[] }).cohorts;
      const when = (x: Record<string, unknown>) => new Date(x.start as Date).getTime();
      const starts = [...new Set(d.map(when))].sort((a, b) => a - b);
      const bad = d.filter((x) => cohorts[starts.indexOf(when(x))]?.values[n(x.k)] !== n(x.n));
      return bad.length === 0 ? null : `${bad.length} cells differ`;
    },
  },
  {
    name: "lifecycle, 12 weeks",
    query: {
      kind: "lifecycle",
      event: { event: "session_start" },
      interval: "week",
      range: { from: "2024-04-01", to: "2024-06-23" },
    },
    sql: `WITH f AS (SELECT u, date_trunc('week', min(ts)) AS fw FROM ev GROUP BY u),
          a AS (SELECT DISTINCT u, date_trunc('week', ts) AS w FROM ev
                WHERE e = ${code("session_start")} AND t >= ${ms("2024-03-25")} AND t < ${ms("2024-06-24")}),
          cur AS (SELECT a.u, a.w, f.fw = a.w AS isnew, p.u IS NOT NULL AS before
                  FROM a JOIN f ON f.u = a.u LEFT JOIN a p ON p.u = a.u AND p.w = a.w - INTERVAL 7 DAY
                  WHERE a.w >= TIMESTAMP '2024-04-01'),
          gone AS (SELECT p.w + INTERVAL 7 DAY AS w, count(*) AS dormant FROM a p
                   LEFT JOIN a c ON c.u = p.u AND c.w = p.w + INTERVAL 7 DAY
                   WHERE c.u IS NULL AND p.w + INTERVAL 7 DAY < TIMESTAMP '2024-06-24' GROUP BY ALL)
          SELECT cur.w, CAST(count(*) FILTER (WHERE isnew) AS INTEGER) AS new,
                 CAST(count(*) FILTER (WHERE NOT isnew AND before) AS INTEGER) AS returning,
                 CAST(count(*) FILTER (WHERE NOT isnew AND NOT before) AS INTEGER) AS resurrecting,
                 CAST(-any_value(coalesce(gone.dormant, 0)) AS INTEGER) AS dormant
          FROM cur LEFT JOIN gone ON gone.w = cur.w GROUP BY cur.w ORDER BY cur.w`,
    agree: (s, d) => {
      const p = (
        s as { periods: { new: number; returning: number; resurrecting: number; dormant: number }[] }
      ).periods;
      const a = p.map((x) => `${x.new}/${x.returning}/${x.resurrecting}/${x.dormant}`).join();
      const b = d.map((x) => `${x.new}/${x.returning}/${x.resurrecting}/${x.dormant}`).join();
      return a === b ? null : "period counts differ";
    },
  },
];

export async function seedDuck(file: string, events: number, log: (l: string) => void) {
  if (!fs.existsSync(file)) {
    const tmp = `${file}.tmp`;
    fs.rmSync(tmp, { force: true });
    const inst = await DuckDBInstance.create(tmp);
    const con = await inst.connect();
    await con.run("CREATE TABLE raw (u INTEGER, e INTEGER, t BIGINT)");
    const app = await con.createAppender("raw");
    for (const e of seedEvents(events)) {
      app.appendInteger(Number(e.user.slice(1)));
      app.appendInteger(code(e.event));
      app.appendBigInt(BigInt(e.time));
      app.endRow();
    }
    app.closeSync();
    await con.run("CREATE TABLE ev AS SELECT u, e, t, epoch_ms(t) AS ts FROM raw ORDER BY u, t");
    await con.run("DROP TABLE raw");
    await con.run("CHECKPOINT");
    con.closeSync();
    inst.closeSync();
    fs.renameSync(tmp, file);
    log(`seeded ${file}`);
  }
  const inst = await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
  return { inst, con: await inst.connect() };
}

/** What a child process reports of its own work. */
interface ChildFigures {
  ms: number;
  cpuMs: number;
  rssMb: number;
}

/**
 * `runs` times: drop the workspace from the page cache, then run `f` (a child process); the best
 * wall time and the best CPU time over the runs (each the least disturbed by the shared machine),
 * the highest peak RSS, and how the file was made cold.
 */
function cold<T extends ChildFigures>(
  runs: number,
  file: string,
  f: () => T,
): { best: ChildFigures; last: T; how: string } {
  let how = "";
  const all: T[] = [];
  for (let i = 0; i < runs; i++) {
    how = dropFromCache(file);
    all.push(f());
  }
  const last = all.at(-1);
  if (!last) throw new Error("no runs");
  return { best: bestOf(all), last, how };
}

/** The least wall and CPU time over the runs, and the highest peak RSS. */
function bestOf(runs: readonly ChildFigures[]): ChildFigures {
  return {
    ms: Math.min(...runs.map((r) => r.ms)),
    cpuMs: Math.min(...runs.map((r) => r.cpuMs)),
    rssMb: Math.max(0, ...runs.map((r) => r.rssMb)),
  };
}

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const root = path.resolve(import.meta.dirname, "..");
  for (const size of ctx.sizes) {
    const file = path.join(ctx.dataDir, `engine-${size}.strata`);
    seedWorkspace(file, size, ctx.log);
    const duck = await seedDuck(path.join(ctx.dataDir, `engine-${size}.duckdb`), size, ctx.log);
    // cold opens, each in a fresh process: as the one-shot CLI opens (no page check, the columns
    // most queries read) and as the app does (page check, every column)
    for (const how of ["cli", "app"] as const) {
      // the environment `strata query` would give itself (huge pages: scripts/huge-pages.cjs)
      const env =
        how === "cli"
          ? (hugePagesEnv(["query"], process.env, process.platform, thpMode) ?? process.env)
          : process.env;
      const open = cold(
        3,
        file,
        () =>
          JSON.parse(runNodeChild([path.join(root, "bench/open-child.ts"), file, how], env)) as ChildFigures,
      );
      ctx.log(
        `cold open (${how}) @ ${size}: ${open.best.ms.toFixed(1)} ms, cpu ${open.best.cpuMs.toFixed(1)} ms; ${open.how}`,
      );
      rows.push({
        area: "engine",
        name:
          how === "cli"
            ? "open workspace, cold (as the CLI: lazy columns)"
            : "open workspace, cold (as the app: page check, all columns)",
        events: size,
        strataMs: open.best.ms,
        cpuMs: open.best.cpuMs,
        peerMs: null,
        peakRssMb: open.best.rssMb,
        note: `best of 3 cold runs; ${open.how}`,
      });
    }
    const ws = Workspace.open(file, { readonly: true });
    const engine = createEngine(ws);
    for (const c of CASES) {
      const run = () => engine.run(c.query);
      await run();
      const s = await best(TIMED_RUNS, run);
      const sqlRun = async () => (await duck.con.runAndReadAll(c.sql)).getRowObjectsJS();
      await sqlRun();
      const d = await best(TIMED_RUNS, sqlRun);
      const problem = c.agree(s.value, d.value as Record<string, unknown>[]);
      ctx.log(
        `${c.name} @ ${size}: strata ${s.ms.toFixed(1)} ms, duckdb ${d.ms.toFixed(1)} ms${problem ? ` (${problem})` : ""}`,
      );
      rows.push({
        area: "engine",
        name: c.name,
        events: size,
        strataMs: s.ms,
        peerMs: d.ms,
        peakRssMb: peakRssMb(),
        note: problem ?? "answers agree",
      });
    }
    await engine.close();
    ws.close();
    duck.con.closeSync();
    duck.inst.closeSync();
    // a whole one-shot CLI process, cold: start Node, open the workspace, run the query, print JSON;
    // as `node strata.cjs` (the npm bin) and as the sh launcher (scripts/strata: one Node start-up),
    // each started from a small timing process (process-timer.ts), as from a shell
    const which = builtCli();
    for (const c of CASES.slice(0, 2)) {
      const q = JSON.stringify(c.query);
      for (const how of ["node strata.cjs", "scripts/strata"] as const) {
        const [command, args, env] =
          how === "node strata.cjs"
            ? [process.execPath, cliProcessArgs(["query", file, q]), process.env]
            : [
                path.join(root, "scripts/strata"),
                ["query", file, q],
                { ...process.env, NODE_OPTIONS: `--require ${exitFigures}` },
              ];
        const timer = path.join(root, "bench/process-timer.ts");
        const r = spawnSync(process.execPath, [timer, file, "3", command, ...args], {
          cwd: root,
          encoding: "utf8",
          env,
        });
        if (r.status !== 0) throw new Error(`strata query failed: ${r.stderr}`);
        const { runs, how: cache } = JSON.parse(r.stdout) as { runs: TimedRun[]; how: string };
        const best = bestOf(runs);
        rows.push({
          area: "engine",
          name: `whole \`strata query\` process, cold (${c.query.kind}), ${how}`,
          events: size,
          strataMs: best.ms,
          cpuMs: best.cpuMs,
          peerMs: null,
          peakRssMb: best.rssMb,
          note: `best of 3 cold runs, each started from a small process; largest peak RSS; ${which}; ${cache}`,
        });
      }
    }
    // the app's engine (query workers) alone in a process, cold: open, then the four reports in turn;
    // first as the first open of the file (page check), then as a later one (the app's record of
    // checked files holds it: workspace/verified.ts)
    const record = path.join(ctx.dataDir, `verified-${process.pid}.json`);
    for (const again of [false, true]) {
      fs.rmSync(record, { force: true });
      // a later open: the record already holds the file (this open checks its pages, untimed)
      if (again) Workspace.open(file, { readonly: true, verified: new VerifiedFiles(record) }).close();
      const app = cold(3, file, () => {
        if (!again) fs.rmSync(record, { force: true });
        return appProcess(
          file,
          CASES.map((c) => c.query),
          record,
        );
      });
      const when = again ? "a later open (page check remembered)" : "first open (page check)";
      rows.push({
        area: "engine",
        name: `app: cold open + 4 reports (own process), ${when}`,
        events: size,
        strataMs: app.best.ms,
        cpuMs: app.best.cpuMs,
        peerMs: null,
        peakRssMb: app.best.rssMb,
        note: `${again ? "best of 3 cold runs, the file's check recorded before them" : "best of 3 cold runs"}; peak RSS of that process; ${builtWorkersEnv().workers} query workers`,
      });
      for (const [i, r] of app.last.reports.entries())
        rows.push({
          area: "engine",
          name: `  app report ${i + 1}: ${r.kind}${i === 0 ? " (starts the workers, which load the columns)" : ""}`,
          events: size,
          strataMs: r.ms,
          cpuMs: r.cpuMs,
          peerMs: null,
          peakRssMb: r.rssMb,
          note: `${when}; last cold run; peak RSS of the process after this report`,
        });
    }
    fs.rmSync(record, { force: true });
  }
  return rows;
}
