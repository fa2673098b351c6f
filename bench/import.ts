// Import bench: a seeded CSV of N events (bench/seed-csv.ts) imported into a fresh workspace by the
// real path (`startImport`: the import worker, one transaction that also saves the engine's columns),
// beside DuckDB's own `CREATE TABLE t AS SELECT * FROM read_csv(...)` of the same file into a fresh
// database file. Each side runs in a child process of its own, so its peak RSS is its own.
//   node bench/import.ts [N...]     run alone (default 1000000), prints a table and the rows as JSON
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { builtWorkersEnv } from "./built-cli.ts";
import { seedCsv } from "./seed-csv.ts";
import { type BenchContext, type BenchRow, peakRssMb } from "./types.ts";

interface ChildResult {
  ms: number;
  /** strata: until every row was inserted (the commit and the engine's columns follow) */
  importMs?: number;
  rows?: number;
  /** strata: the WAL checkpoint the import leaves for after its answer, timed until it is done */
  checkpointMs?: number;
  peakRssMb: number;
  /** CPU time of the child, all threads: on a shared machine this says more than wall time */
  cpuMs: number;
}

function cpuMs(): number {
  const c = process.cpuUsage();
  return Math.round((c.user + c.system) / 1000);
}

async function strataChild(csv: string, ws: string): Promise<ChildResult> {
  const { Workspace } = await import("../src-main/workspace/workspace.ts");
  const { startImport } = await import("../src-main/import/start-import.ts");
  for (const f of [ws, `${ws}-wal`, `${ws}-shm`]) fs.rmSync(f, { force: true });
  Workspace.create(ws).close();
  const t0 = performance.now();
  let committed = 0;
  const [summary] = await startImport({ workspace: ws, files: [csv], options: {} }, undefined, () => {
    committed = performance.now();
  }).done;
  const ms = performance.now() - t0;
  // the import answers before the WAL is copied into the database file; time that work too
  const { default: Database } = await import("better-sqlite3");
  const t1 = performance.now();
  const db = new Database(ws);
  db.pragma("busy_timeout = 10000");
  // the import worker's own checkpoint may still hold the WAL: this one reports busy until it ends
  while ((db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[])[0]?.busy)
    await new Promise((r) => setTimeout(r, 10));
  db.close();
  const checkpointMs = performance.now() - t1;
  return {
    ms,
    importMs: (committed || performance.now()) - t0,
    checkpointMs,
    rows: summary?.added ?? 0,
    peakRssMb: peakRssMb(),
    cpuMs: cpuMs(),
  };
}

async function duckChild(csv: string, dbFile: string): Promise<ChildResult> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  for (const f of [dbFile, `${dbFile}.wal`]) fs.rmSync(f, { force: true });
  const t0 = performance.now();
  const inst = await DuckDBInstance.create(dbFile);
  const con = await inst.connect();
  await con.run(`CREATE TABLE t AS SELECT * FROM read_csv('${csv.replaceAll("'", "''")}')`);
  const r = await con.runAndReadAll("SELECT count(*)::INTEGER AS n FROM t");
  const rows = Number(r.getRows()[0]?.[0] ?? 0);
  con.closeSync();
  inst.closeSync();
  return { ms: performance.now() - t0, rows, peakRssMb: peakRssMb(), cpuMs: cpuMs() };
}

function child(kind: "strata" | "duckdb", csv: string, out: string, env = process.env): ChildResult {
  const r = spawnSync(process.execPath, [import.meta.filename, "--child", kind, csv, out], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
    env,
  });
  if (r.status !== 0) throw new Error(`${kind} bench child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1) as string) as ChildResult;
}

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // the import worker as the app and the CLI run it (built), not from the TypeScript sources
  const { env, workers } = builtWorkersEnv();
  for (const n of ctx.sizes) {
    const csv = await seedCsv({ events: n, dir: ctx.dataDir });
    const mb = fs.statSync(csv).size / 1e6;
    ctx.log(`import: ${n.toLocaleString("en-US")} events, ${mb.toFixed(0)} MB CSV`);
    const s = child("strata", csv, path.join(ctx.dataDir, `import-${n}.strata`), env);
    const d = child("duckdb", csv, path.join(ctx.dataDir, `import-${n}.duckdb`));
    if (s.rows !== n || d.rows !== n)
      throw new Error(`row counts differ: strata ${s.rows}, duckdb ${d.rows}, want ${n}`);
    const importMs = s.importMs ?? s.ms;
    const rate = (ms: number) => Math.round(n / (ms / 1000)).toLocaleString("en-US");
    // the machine is shared: the load beside each figure says how far to trust it
    const load = os.loadavg()[0]?.toFixed(1);
    rows.push({
      area: "import",
      name: "CSV -> workspace, end to end",
      events: n,
      strataMs: s.ms,
      peerMs: d.ms,
      peakRssMb: s.peakRssMb,
      note: `${rate(s.ms)} rows/s (committed, engine columns saved); DuckDB ${rate(d.ms)} rows/s, peak ${d.peakRssMb} MB; CPU s strata ${(s.cpuMs / 1000).toFixed(1)} / DuckDB ${(d.cpuMs / 1000).toFixed(1)}; ${workers} import worker; load ${load}`,
    });
    rows.push({
      area: "import",
      name: "... of which until every row is inserted",
      events: n,
      strataMs: importMs,
      peerMs: d.ms,
      peakRssMb: s.peakRssMb,
      note: `${rate(importMs)} rows/s; then the commit and columns ${((s.ms - importMs) / 1000).toFixed(2)} s; after the answer, the WAL checkpoint (in the background) ${((s.checkpointMs ?? 0) / 1000).toFixed(2)} s`,
    });
  }
  return rows;
}

const argv = process.argv.slice(2);
if (import.meta.filename === process.argv[1]) {
  if (argv[0] === "--child") {
    const [, kind, csv, out] = argv as [string, "strata" | "duckdb", string, string];
    const r = kind === "strata" ? await strataChild(csv, out) : await duckChild(csv, out);
    process.stdout.write(`${JSON.stringify(r)}\n`);
  } else {
    const dataDir = path.join(import.meta.dirname, "data");
    const sizes = argv.length > 0 ? argv.map(Number) : [1_000_000];
    const rows = await bench({ sizes, dataDir, log: (l) => process.stderr.write(`${l}\n`) });
    for (const r of rows)
      process.stdout.write(
        `${r.name.padEnd(44)} ${r.events.toLocaleString("en-US").padStart(11)}  strata ${(r.strataMs / 1000).toFixed(2)} s  duckdb ${((r.peerMs ?? 0) / 1000).toFixed(2)} s  ratio ${(r.strataMs / (r.peerMs ?? 1)).toFixed(2)}  peak ${r.peakRssMb} MB  ${r.note ?? ""}\n`,
      );
    process.stdout.write(`${JSON.stringify(rows)}\n`);
  }
}
