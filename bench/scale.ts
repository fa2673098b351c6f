// Scale run (issue 18): one CSV of the engine bench's events (bench/seed-events-csv.ts) imported by
// `strata import`'s own path and loaded by DuckDB's read_csv, side by side; then the workspace's
// cold open and a whole `strata query` process per v1 query kind (cold: the workspace dropped from
// the page cache first, see cold.ts), each beside DuckDB answering the same question over the table
// it loaded, with the answers compared. Each Strata step runs in a child process of its own, so its
// peak RSS is its own; DuckDB runs in this process after them (its peak is this process's).
//   node bench/scale.ts N        e.g. 100000000; results also go to bench/data/scale-N.json
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import Database from "better-sqlite3";
import { hugePagesEnv, thpMode } from "../scripts/huge-pages.cjs";
import { savedStamp } from "../src-main/engine/columns/load.ts";
import { readStamp } from "../src-main/engine/columns/stamp.ts";
import { VerifiedFiles } from "../src-main/workspace/verified.ts";
import { Workspace } from "../src-main/workspace/workspace.ts";
import { appProcess } from "./app-process.ts";
import { builtCli, builtWorkersEnv } from "./built-cli.ts";
import { dropFromCache } from "./cold.ts";
import { CASES as ENGINE_CASES } from "./engine.ts";
import { CASES as METRIC_CASES } from "./metrics.ts";
import { SEED_EVENT_NAMES } from "./seed.ts";
import { seedEventsCsv } from "./seed-events-csv.ts";
import { cliProcessArgs, peakRssMb } from "./types.ts";

const root = path.resolve(import.meta.dirname, "..");
const n = Number(process.argv[2] ?? 1_000_000);
const dataDir = path.join(import.meta.dirname, "data");
const log = (l: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${l}\n`);
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join("/");
const results: Record<string, unknown> = { events: n, cpus: os.cpus().length };
// SCALE_CASES=name,prefixes runs only those query cases, without the opens (a second sitting of a
// long run), into scale-N-cases.json; SCALE_RUNS: runs per side (default 2)
const only = process.env.SCALE_CASES?.split(",");
const runsPer = Number(process.env.SCALE_RUNS ?? 2);
const outFile = path.join(dataDir, `scale-${n}${only ? "-cases" : ""}.json`);
const save = () => fs.writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);

function node(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { stdout: string; stderr: string; ms: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 26, env });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.slice(0, 3).join(" ")} failed: ${r.stderr}`);
  return { stdout: r.stdout, stderr: r.stderr, ms };
}

const lastJson = (s: string) => JSON.parse(s.trim().split("\n").at(-1) as string);
const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);

const csv = await seedEventsCsv(n, dataDir);
results.csvBytes = size(csv);
log(`CSV ${csv}: ${(size(csv) / 1e9).toFixed(2)} GB`);

// 1. import, Strata then DuckDB (bench/import.ts's children: the same calls as the import bench)
const ws = path.join(dataDir, `scale-${n}.strata`);
const duckFile = path.join(dataDir, `scale-${n}.duckdb`);
if (!fs.existsSync(ws) || process.env.SCALE_REIMPORT) {
  log(`strata import (load ${load()})`);
  const s = node([path.join(import.meta.dirname, "import.ts"), "--child", "strata", csv, ws]);
  // the import must not have fallen back to a rebuild, nor failed to save its columns
  if (s.stderr.trim()) log(`strata import said: ${s.stderr.trim()}`);
  results.strataImport = { ...lastJson(s.stdout), stderr: s.stderr.trim(), load: load() };
  log(`strata import: ${JSON.stringify(results.strataImport)}`);
  save();
}
{
  const db = new Database(ws, { readonly: true });
  const saved = savedStamp(db);
  const now = readStamp(db);
  const chunks = db.prepare("SELECT count(*) AS c, sum(length(data)) AS b FROM engine_columns").get();
  const users = db.prepare("SELECT count(*) AS c FROM users").pluck().get();
  db.close();
  results.columns = { saved, now, current: saved === now, rows: chunks, users };
  results.workspaceBytes = size(ws);
  results.walBytes = size(`${ws}-wal`);
  log(`columns current: ${saved === now} (${JSON.stringify(chunks)}); ${users} users; file ${size(ws)} B`);
  if (saved !== now) throw new Error("the import did not leave current columns: every open rebuilds them");
  save();
}
if (!fs.existsSync(duckFile) || process.env.SCALE_REIMPORT) {
  log(`duckdb load (load ${load()})`);
  const d = node([path.join(import.meta.dirname, "import.ts"), "--child", "duckdb", csv, duckFile]);
  results.duckLoad = { ...lastJson(d.stdout), fileBytes: size(duckFile), load: load() };
  log(`duckdb load: ${JSON.stringify(results.duckLoad)}`);
  // the bench's query layout (u, e, t, ts, price), built untimed as the engine bench seeds it
  const inst = await DuckDBInstance.create(duckFile);
  const con = await inst.connect();
  await con.run("SET TimeZone = 'UTC'");
  const codes = SEED_EVENT_NAMES.map((e, i) => `WHEN '${e}' THEN ${i}`).join(" ");
  await con.run(`CREATE OR REPLACE TABLE ev AS SELECT CAST(substr(user_id, 2) AS INTEGER) AS u,
    CASE event ${codes} END AS e, epoch_ms(time) AS t, epoch_ms(epoch_ms(time)) AS ts, CAST(price AS DOUBLE) AS price
    FROM t ORDER BY u, t`);
  await con.run("CHECKPOINT");
  con.closeSync();
  inst.closeSync();
  save();
}

// 2. cold opens, as the CLI and as the app
results.open = {};
for (const how of only ? [] : (["cli", "app"] as const)) {
  // the CLI's open in the environment `strata query` gives itself (2 MB pages: scripts/huge-pages.cjs)
  const env =
    how === "cli"
      ? (hugePagesEnv(["query"], process.env, process.platform, thpMode) ?? process.env)
      : process.env;
  const runs = [];
  for (let i = 0; i < 2; i++) {
    const how2 = dropFromCache(ws);
    runs.push({
      ...lastJson(node([path.join(import.meta.dirname, "open-child.ts"), ws, how], env).stdout),
      how2,
    });
  }
  (results.open as Record<string, unknown>)[how] = { runs, load: load() };
  log(`open (${how}): ${JSON.stringify(runs)}`);
  save();
}

// 2b. the app's own open, which the row above is not: its query workers read the columns a part each
// (the rarely read arrays left for later: engine/index.ts appEngine) while the first open checks the
// pages, and then its first report, the segment count; as a first open and as a later one (the
// app's record of checked files holds the file: workspace/verified.ts)
if (!only) {
  const record = path.join(dataDir, `verified-scale-${process.pid}.json`);
  const first = ENGINE_CASES[0];
  if (!first) throw new Error("no engine case");
  const appRuns: Record<string, unknown>[] = [];
  // also with 2 MB pages, which the app cannot ask for but gets where THP is "always" (glibc's
  // tunable stands in for that here): how much of its open is the VM's cost of 4 KB page faults.
  // Only the tunable is added (the workers stay the built ones), and the two take turns, so that
  // neither always follows the other (a run after a pause pays for memory the host took back).
  const huge = hugePagesEnv(["query"], process.env, process.platform, thpMode);
  const pageModes: [string, NodeJS.ProcessEnv][] = [["default", {}]];
  if (huge)
    pageModes.push([
      "2 MB (glibc.malloc.hugetlb=1)",
      { GLIBC_TUNABLES: huge.GLIBC_TUNABLES, STRATA_HUGEPAGES: huge.STRATA_HUGEPAGES },
    ]);
  for (const again of [false, true]) {
    fs.rmSync(record, { force: true });
    // a later open: the record already holds the file (this open checks its pages, untimed); a
    // file it cannot vouch for (a WAL beside it) would make the "later" rows first opens
    if (again) {
      const verified = new VerifiedFiles(record);
      Workspace.open(ws, { readonly: true, verified }).close();
      if (!verified.has(ws)) throw new Error(`${ws}: its page check was not recorded`);
    }
    for (let i = 0; i < 2; i++)
      for (const [pages, pagesEnv] of i % 2 === 0 ? pageModes : [...pageModes].reverse()) {
        if (!again) fs.rmSync(record, { force: true });
        const how2 = dropFromCache(ws);
        const app = appProcess(ws, [first.query], record, pagesEnv);
        const report = app.reports[0];
        appRuns.push({
          open: again ? "later" : "first",
          pages,
          ms: app.ms,
          cpuMs: app.cpuMs,
          reportMs: report?.ms,
          reportCpuMs: report?.cpuMs,
          rssMb: app.rssMb,
          how2,
        });
      }
  }
  fs.rmSync(record, { force: true });
  results.appOpen = { runs: appRuns, workers: builtWorkersEnv().workers, load: load() };
  log(`the app's open and first report: ${JSON.stringify(appRuns)}`);
  save();
}

// 3. every v1 kind as a whole `strata query` process, cold, then DuckDB's answer to the same question
const cases = [
  ...ENGINE_CASES.map((c) => ({ name: c.name, query: c.query, sql: c.sql, check: c.agree })),
  ...METRIC_CASES.map((c) => ({ name: c.name, query: c.query, sql: c.sql, check: c.check })),
];
const inst = await DuckDBInstance.create(duckFile, { access_mode: "READ_ONLY" });
const con = await inst.connect();
await con.run("SET TimeZone = 'UTC'");
const queries: Record<string, unknown>[] = [];
results.queries = queries;
results.cli = builtCli();
for (const c of cases) {
  if (only && !only.some((o) => c.name.startsWith(o))) continue;
  const runs: { ms: number; cpuMs: number; rssMb: number }[] = [];
  let answer: unknown = null;
  for (let i = 0; i < runsPer; i++) {
    dropFromCache(ws);
    const r = node(cliProcessArgs(["query", ws, JSON.stringify(c.query)]));
    const [, rss, cpu] = /FIGURES (\d+) (\d+)/.exec(r.stderr) ?? [];
    runs.push({
      ms: Math.round(r.ms),
      cpuMs: Math.round(Number(cpu) / 1000),
      rssMb: Math.round(Number(rss) / 1024),
    });
    answer = JSON.parse(r.stdout);
  }
  const duck: number[] = [];
  let rows: Record<string, unknown>[] = [];
  for (let i = 0; i < runsPer; i++) {
    const t0 = performance.now();
    rows = (await con.runAndReadAll(c.sql)).getRowObjectsJS() as Record<string, unknown>[];
    duck.push(Math.round(performance.now() - t0));
  }
  const problem = c.check?.(answer, rows) ?? null;
  const q = {
    name: c.name,
    strata: runs,
    duckdbMs: duck,
    agree: problem ?? (c.check ? "answers agree" : "not compared"),
    load: load(),
  };
  queries.push(q);
  log(JSON.stringify(q));
  save();
}
con.closeSync();
inst.closeSync();
results.duckPeakRssMb = peakRssMb();
save();

// 4. what fresh memory costs here (bench/fresh-memory.ts), last, so that its minute of idle pauses
// and gigabytes of faults change none of the timings above: most of a large open is page faults
if (!only) {
  const fresh: unknown = JSON.parse(node([path.join(import.meta.dirname, "fresh-memory.ts"), "1024"]).stdout);
  results.freshMemory = fresh;
  log(`fresh memory: ${JSON.stringify(fresh)}`);
  save();
}
log(`done: ${outFile}`);
