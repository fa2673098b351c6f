// Export bench: a 1M-member segment written by each path, in a child process so that peak RSS is the
// export's own (seeding is not counted). Workspace: 1,000,000 users with personal attributes and one
// signup event each, built by a fast seeded insert (bench/data/export-1m.strata, reused).
//   node bench/export.ts          run the bench alone (prints rows as JSON)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEngine } from "../src-main/engine/index.ts";
import { runExport } from "../src-main/export/run-export.ts";
import { Workspace } from "../src-main/workspace/workspace.ts";
import type { ExportRequest } from "../src-preload/contract/methods/export.ts";
import { type BenchContext, type BenchRow, peakRssMb } from "./types.ts";

const USERS = 1_000_000;
const FIRST = ["Ana", "Ben", "Chloé", "Dev", "Eve", "Fatima", "Gus", "Hana", "Ivan", "José"];
const LAST = ["Silva", "O'Brien", "Müller", "Ng", "Smith", "Kowalski", "Rossi", "Tanaka"];
const COUNTRIES = ["US", "DE", "FR", "GB", "BR", "IN", "IT", "ES"];

function seed(file: string, log: (l: string) => void): void {
  if (fs.existsSync(file)) return;
  const started = performance.now();
  const tmp = `${file}.seeding`;
  fs.rmSync(tmp, { force: true });
  const ws = Workspace.create(tmp);
  const db = ws.db;
  const user = db.prepare("INSERT INTO users (id, external_id, created_at, attributes) VALUES (?, ?, ?, ?)");
  const event = db.prepare("INSERT INTO events (user_id, event_id, time) VALUES (?, 1, ?)");
  const t0 = Date.UTC(2024, 0, 1);
  db.transaction(() => {
    db.exec("INSERT INTO event_names (id, name) VALUES (1, 'signup')");
    for (let i = 1; i <= USERS; i++) {
      const first = FIRST[i % FIRST.length] as string;
      const attrs = {
        email: i % 20 === 0 ? null : `${first}.user${i}@Example.com`,
        phone: i % 3 === 0 ? `0${150_000_000 + i}` : `+1 415 ${String(i).padStart(7, "0")}`,
        first_name: first,
        last_name: LAST[i % LAST.length],
        city: i % 2 ? "Berlin" : "Menlo Park",
        country: COUNTRIES[i % COUNTRIES.length],
        plan: i % 5 === 0 ? "=pro" : "free",
      };
      const time = t0 + (i % 180) * 86_400_000;
      user.run(i, `u${i}`, time, JSON.stringify(attrs));
      event.run(i, time);
    }
    db.exec(`UPDATE event_names SET (count, first_time, last_time) = (SELECT count(*), min(time), max(time) FROM events);
             INSERT INTO user_properties (name, type, count) VALUES
             ('email','string',${USERS}), ('phone','string',${USERS}), ('first_name','string',${USERS}),
             ('last_name','string',${USERS}), ('city','string',${USERS}), ('country','string',${USERS}),
             ('plan','string',${USERS});`);
  })();
  ws.close();
  fs.renameSync(tmp, file);
  log(
    `seeded ${USERS.toLocaleString("en-US")} users in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

const PEER_COLUMNS = ["email", "phone", "first_name", "last_name", "city", "country"] as const;

/**
 * The peer: DuckDB writing the same 1M users (external id and the six identifier attributes, loaded
 * into a DuckDB table beforehand, not timed) to CSV with COPY. It only writes rows it already holds
 * in columns; Strata also reads SQLite, parses each user's JSON and normalizes every identifier.
 */
async function duckdbCopy(file: string, out: string): Promise<number> {
  // imported here so that the timed children do not load DuckDB
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const inst = await DuckDBInstance.create(":memory:");
  const con = await inst.connect();
  await con.run(
    `CREATE TABLE users (external_id VARCHAR, ${PEER_COLUMNS.map((c) => `${c} VARCHAR`).join(", ")})`,
  );
  const app = await con.createAppender("users");
  const ws = Workspace.open(file, { readonly: true });
  try {
    for (const [id, json] of ws.db
      .prepare("SELECT external_id, attributes FROM users ORDER BY id")
      .raw()
      .iterate() as Iterable<[string, string]>) {
      const a = JSON.parse(json) as Record<string, string | null>;
      app.appendVarchar(id);
      for (const c of PEER_COLUMNS) {
        const v = a[c];
        if (v === null || v === undefined) app.appendNull();
        else app.appendVarchar(String(v));
      }
      app.endRow();
    }
  } finally {
    ws.close();
  }
  app.closeSync();
  const started = performance.now();
  await con.run(`COPY users TO '${out.replace(/'/g, "''")}' (HEADER, DELIMITER ',')`);
  const ms = performance.now() - started;
  con.closeSync();
  inst.closeSync();
  return ms;
}

interface ChildResult {
  ms: number;
  peakRssMb: number;
  rssBeforeMb: number;
  written: number;
  bytes: number;
}

/** Runs in the child: one export, timed. */
async function child(file: string, request: ExportRequest): Promise<ChildResult> {
  const ws = Workspace.open(file, { readonly: true });
  const engine = createEngine(ws);
  const rssBeforeMb = Math.round(process.memoryUsage().rss / 1048576);
  const started = performance.now();
  const m = await runExport({ ws, engine: () => engine, request });
  const ms = performance.now() - started;
  ws.close();
  return { ms, peakRssMb: peakRssMb(), rssBeforeMb, written: m.written, bytes: m.bytes };
}

const CASES: {
  name: string;
  preset: ExportRequest["preset"];
  segment: ExportRequest["segment"];
  via: string;
  nodeFlags?: string[];
  peer?: boolean;
}[] = [
  {
    name: "everyone -> braze CSV",
    preset: "braze",
    segment: { definition: { all: [] } },
    via: "users table",
    peer: true,
  },
  {
    name: "did signup -> google (SHA-256)",
    preset: "google",
    segment: { definition: { performed: { event: "signup" } } },
    via: "engine memberIds (one evaluation), rows read by id",
  },
  { name: "everyone -> ndjson", preset: "ndjson", segment: { definition: { all: [] } }, via: "users table" },
  {
    // the same export with the JS heap capped at 64 MB: it would fail if memory grew with the segment
    name: "everyone -> braze CSV, heap capped 64 MB",
    preset: "braze",
    segment: { definition: { all: [] } },
    via: "users table, --max-old-space-size=64",
    nodeFlags: ["--max-old-space-size=64"],
  },
];

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const file = path.join(ctx.dataDir, "export-1m.strata");
  seed(file, ctx.log);
  const rows: BenchRow[] = [];
  for (const c of CASES) {
    const out = path.join(ctx.dataDir, `export-1m-${c.preset}.out`);
    fs.rmSync(out, { force: true });
    const request: ExportRequest = { segment: c.segment, preset: c.preset, out };
    // other work on the machine moves these figures: the note records how busy it was
    const load = (os.loadavg()[0] ?? 0).toFixed(2);
    const r = spawnSync(
      process.execPath,
      [...(c.nodeFlags ?? []), import.meta.filename, "--child", file, JSON.stringify(request)],
      {
        encoding: "utf8",
        maxBuffer: 1 << 20,
      },
    );
    if (r.status !== 0) throw new Error(`export bench child failed: ${r.stderr}`);
    const res = JSON.parse(r.stdout) as ChildResult;
    ctx.log(
      `${c.name}: ${res.ms.toFixed(0)} ms, peak RSS ${res.peakRssMb} MB (before export ${res.rssBeforeMb} MB), load ${load}`,
    );
    rows.push({
      area: "export",
      name: `${c.name}, 1M members`,
      events: USERS,
      strataMs: res.ms,
      peerMs: c.peer ? await duckdbCopy(file, `${out}.duckdb.csv`) : null,
      peakRssMb: res.peakRssMb,
      note: `load ${load} (1-min average before the case); ${c.via}${c.peer ? " (peer: DuckDB COPY of the same columns, loaded beforehand: writing only)" : ""}; ${res.written.toLocaleString("en-US")} rows, ${(res.bytes / 1048576).toFixed(0)} MB; RSS before ${res.rssBeforeMb} MB`,
    });
    for (const f of [out, `${out}.manifest.json`, `${out}.duckdb.csv`]) fs.rmSync(f, { force: true });
  }
  return rows;
}

if (process.argv[2] === "--child") {
  const [file, req] = process.argv.slice(3) as [string, string];
  process.stdout.write(JSON.stringify(await child(file, JSON.parse(req) as ExportRequest)));
} else if (import.meta.filename === path.resolve(process.argv[1] ?? "")) {
  const dataDir = path.join(import.meta.dirname, "data");
  fs.mkdirSync(dataDir, { recursive: true });
  const rows = await bench({ sizes: [USERS], dataDir, log: (l) => process.stderr.write(`${l}\n`) });
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
}
