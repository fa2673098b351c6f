// Import bench for identity merge: a workspace of N seeded events (bench/seed-csv.ts, imported by
// the real path) gets a second file appended, an Amplitude export of N/10 events in which a tenth
// of the users browse under a device id before they sign up (so the file records identity links,
// some of them for users the workspace already has). Appended twice, each into a fresh copy of the
// base workspace: without insert ids (the two-thread path can take it) and with `$insert_id`
// (duplicates are decided row by row, on one thread). Each append runs in a child process of its own.
//   node bench/import-identity.ts [N...]     run alone (default 1000000)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { seedCsv } from "./seed-csv.ts";
import { type BenchContext, type BenchRow, peakRssMb } from "./types.ts";

interface ChildResult {
  ms: number;
  rows: number;
  cpuMs: number;
  peakRssMb: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The Amplitude-shaped CSV: users `u<k>` of the base file (so appends touch existing timelines);
 * one user in ten first shows up as `device_id` only, then signs up (a row with both ids).
 */
function seedAmplitude(dir: string, events: number, baseUsers: number, insertIds: boolean): string {
  const file = path.join(dir, `amplitude-${events}${insertIds ? "-insert" : ""}.csv`);
  if (fs.existsSync(file)) return file;
  const rand = mulberry32(7);
  const names = ["view_item", "add_to_cart", "purchase", "login"];
  const start = Date.UTC(2025, 6, 1);
  const lines = [`${insertIds ? "$insert_id," : ""}device_id,user_id,event_type,event_time,country`];
  for (let i = 0; i < events; i++) {
    const u = Math.floor(rand() * baseUsers);
    const t = start + Math.floor(rand() * 30 * 86_400_000);
    const anonymous = u % 10 === 0;
    // the anonymous users' first events carry only the device; the sign-up row carries both
    const phase = anonymous ? Math.floor(rand() * 3) : 2;
    const device = `d${u}`;
    const user = phase === 0 ? "" : `u${u}`;
    const deviceCol = anonymous && phase < 2 ? device : "";
    const time = new Date(t).toISOString().replace("T", " ").slice(0, 19);
    const name = names[Math.floor(rand() * names.length)] as string;
    lines.push(`${insertIds ? `e${i},` : ""}${deviceCol},${user},${name},${time},US`);
  }
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

function cpuMs(): number {
  const c = process.cpuUsage();
  return Math.round((c.user + c.system) / 1000);
}

async function baseWorkspace(csv: string, ws: string): Promise<void> {
  const { Workspace } = await import("../src-main/workspace/workspace.ts");
  const { startImport } = await import("../src-main/import/start-import.ts");
  for (const f of [ws, `${ws}-wal`, `${ws}-shm`]) fs.rmSync(f, { force: true });
  Workspace.create(ws).close();
  await startImport({ workspace: ws, files: [csv], options: {} }).done;
}

async function appendChild(base: string, file: string, ws: string): Promise<ChildResult> {
  const { startImport } = await import("../src-main/import/start-import.ts");
  for (const f of [ws, `${ws}-wal`, `${ws}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(base, ws);
  const cpu0 = cpuMs();
  const t0 = performance.now();
  const [summary] = await startImport({
    workspace: ws,
    files: [file],
    options: { preset: "amplitude", force: true },
  }).done;
  return {
    ms: performance.now() - t0,
    rows: summary?.added ?? 0,
    cpuMs: cpuMs() - cpu0,
    peakRssMb: peakRssMb(),
  };
}

function child(args: string[]): ChildResult {
  const r = spawnSync(process.execPath, [import.meta.filename, "--child", ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`bench child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1) as string) as ChildResult;
}

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const n of ctx.sizes) {
    const csv = await seedCsv({ events: n, dir: ctx.dataDir });
    const base = path.join(ctx.dataDir, `identity-base-${n}.strata`);
    const r0 = spawnSync(process.execPath, [import.meta.filename, "--base", csv, base], { encoding: "utf8" });
    if (r0.status !== 0) throw new Error(`base workspace failed: ${r0.stderr}`);
    for (const insertIds of [false, true]) {
      const file = seedAmplitude(ctx.dataDir, n / 10, n / 10, insertIds);
      const out = path.join(ctx.dataDir, `identity-append-${n}.strata`);
      const s = child(["append", base, file, out]);
      const load = os.loadavg().map((l) => l.toFixed(1));
      ctx.log(`identity append ${insertIds ? "(insert ids)" : ""}: ${(s.ms / 1000).toFixed(2)} s`);
      rows.push({
        area: "import",
        name: `append Amplitude CSV with identity links${insertIds ? ", insert ids" : ""}`,
        events: n,
        strataMs: s.ms,
        peerMs: null,
        peakRssMb: s.peakRssMb,
        note: `${s.rows.toLocaleString("en-US")} events appended to ${n.toLocaleString("en-US")}; CPU s ${(s.cpuMs / 1000).toFixed(2)} (all threads); load ${load.join(" ")}`,
      });
    }
  }
  return rows;
}

const argv = process.argv.slice(2);
if (import.meta.filename === process.argv[1]) {
  if (argv[0] === "--base") {
    await baseWorkspace(argv[1] as string, argv[2] as string);
  } else if (argv[0] === "--child") {
    const [, , base, file, out] = argv as [string, string, string, string, string];
    process.stdout.write(`${JSON.stringify(await appendChild(base, file, out))}\n`);
  } else {
    const dataDir = path.join(import.meta.dirname, "data");
    const sizes = argv.length > 0 ? argv.map(Number) : [1_000_000];
    const rows = await bench({ sizes, dataDir, log: (l) => process.stderr.write(`${l}\n`) });
    for (const r of rows)
      process.stdout.write(
        `${r.name.padEnd(52)} ${r.events.toLocaleString("en-US").padStart(11)}  strata ${(r.strataMs / 1000).toFixed(2)} s  peak ${r.peakRssMb} MB  ${r.note ?? ""}\n`,
      );
  }
}
