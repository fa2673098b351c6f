import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { sweepPrivateTemps, sweepStaleTemps } from "../../src-main/export/destination.ts";
import { ingest } from "../../src-main/import/ingest.ts";
import { Workspace } from "../../src-main/workspace/workspace.ts";
import { tmpDir } from "../helpers/tmp.ts";
import { count, int, LONG, pick, publish, rng, SEED } from "./profile.ts";

// Kill tests (issue 20): the real CLI imports, exports or shares in a child process that is killed
// with SIGKILL at a random moment. Afterwards the workspace opens and holds the old data or the
// whole import, never part of it; nothing partial is at the destination; no unscrubbed or plain
// copy sits beside it; and what the killed run left is removed by the next run (the sweep).
// CI: 20 trials; long (`npm run fuzz`): 200.

const TRIALS = Number(process.env.STRATA_KILL_TRIALS) || count(20, 200);
const ROOT = path.join(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "scripts/strata.cjs");
const NODE = process.execPath;
const PERSONAL = "planted.person@example.com";
const PASS = "kill test passphrase";

type Op = "import" | "export" | "share" | "share-encrypted";

function csv(rows: number, prefix: string): string {
  const lines = ["user_id,event,time,email"];
  for (let i = 0; i < rows; i++)
    lines.push(
      `${prefix}${i % 3000},${["visit", "buy", "signup"][i % 3]},2024-0${1 + (i % 9)}-${10 + (i % 18)}T10:00:00Z,${i === 7 ? PERSONAL : ""}`,
    );
  return `${lines.join("\n")}\n`;
}

function events(file: string): number {
  const db = new Database(file, { readonly: true, timeout: 10_000 });
  try {
    return (db.prepare("SELECT count(*) AS n FROM events").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function args(op: Op, ws: string, dir: string, data: string): string[] {
  if (op === "import") return ["import", data, "--workspace", ws];
  if (op === "export")
    return ["export", ws, "--segment", '{"all":[]}', "--preset", "csv", "--out", path.join(dir, "out.csv")];
  return ["share", ws, "--out", path.join(dir, "out.strata"), "--drop-personal"];
}

function run(
  op: Op,
  a: string[],
  killAfterMs: number | null,
): Promise<{ code: number | null; killed: boolean; ms: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const env = { ...process.env, STRATA_PASSPHRASE: op === "share-encrypted" ? PASS : "" };
    const child = spawn(NODE, [CLI, ...a], { stdio: "ignore", env });
    let killed = false;
    const timer =
      killAfterMs === null
        ? null
        : setTimeout(() => {
            killed = child.kill("SIGKILL");
          }, killAfterMs);
    child.on("exit", (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, killed, ms: performance.now() - t0 });
    });
  });
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe(`kill tests (${TRIALS} trials, seed ${SEED})`, () => {
  it("leave old or whole data, nothing partial at the destination, nothing plain beside it", {
    timeout: LONG ? 3 * 3_600_000 : 240_000,
  }, async () => {
    const dir = tmpDir("strata-kill-");
    const template = path.join(dir, "template.strata");
    Workspace.create(template).close();
    const seedCsv = path.join(dir, "seed.csv");
    fs.writeFileSync(seedCsv, csv(4_000, "s"));
    await ingest({ workspace: template, files: [seedCsv], options: {}, columns: true, pipeline: false });
    await tick();
    const t = new Database(template, { timeout: 10_000 });
    t.pragma("wal_checkpoint(TRUNCATE)");
    t.pragma("journal_mode = DELETE");
    t.close();
    const oldEvents = events(template);
    const data = path.join(dir, "more.csv");
    fs.writeFileSync(data, csv(15_000, "m"));
    const ops: Op[] = ["import", "export", "share", "share-encrypted"];

    // one whole run of each: how long it takes (the kill lands inside it) and what "whole" is
    const baseline: Record<string, number> = {};
    let whole = 0;
    for (const op of ops) {
      const trial = path.join(dir, `base-${op}`);
      fs.mkdirSync(trial);
      const ws = path.join(trial, "w.strata");
      fs.copyFileSync(template, ws);
      const r = await run(op, args(op, ws, trial, data), null);
      expect(r.code, op).toBe(0);
      baseline[op] = r.ms;
      if (op === "import") whole = events(ws);
    }
    expect(whole).toBeGreaterThan(oldEvents);

    const tally = {
      trials: 0,
      killed: 0,
      finished: 0,
      oldData: 0,
      wholeImport: 0,
      leftoversSwept: 0,
      failures: [] as string[],
    };
    for (let i = 0; i < TRIALS; i++) {
      const r = rng(SEED * 7_919 + i);
      const op = pick(r, ops);
      const trial = path.join(dir, `t${i}`);
      fs.mkdirSync(trial);
      const ws = path.join(trial, "w.strata");
      fs.copyFileSync(template, ws);
      const delay = int(r, 0, Math.round((baseline[op] ?? 1000) * 1.1));
      const res = await run(op, args(op, ws, trial, data), delay);
      const what = `trial ${i} (seed ${SEED}, ${op}, kill after ${delay} ms)`;
      tally.trials++;
      if (res.killed && res.code === null) tally.killed++;
      else tally.finished++;
      const fail = (m: string) => tally.failures.push(`${what}: ${m}`);
      // the workspace opens for writing (a stale lock is taken over) and holds old or whole data
      try {
        const w = Workspace.open(ws);
        w.close();
        const n = events(ws);
        if (n === oldEvents) tally.oldData++;
        else if (n === whole) tally.wholeImport++;
        else fail(`${n} events: neither the old ${oldEvents} nor the whole ${whole}`);
      } catch (e) {
        fail(`the workspace does not open: ${(e as Error).message}`);
      }
      const names = fs.readdirSync(trial).filter((n) => !/^w\.strata(-wal|-shm|\.lock)?$/.test(n));
      for (const n of names) {
        const f = path.join(trial, n);
        if (n === "out.csv") {
          const lines = fs.readFileSync(f, "utf8").trimEnd().split("\n").length;
          if (lines !== 3001) fail(`out.csv has ${lines} lines, not the whole 3,001`);
        } else if (n === "out.strata") {
          const head = fs.readFileSync(f).subarray(0, 16).toString("latin1");
          if (op === "share-encrypted" ? !head.startsWith("STRATAEN") : !head.startsWith("SQLite format 3"))
            fail(`out.strata is not a whole copy (${head})`);
        } else if (n === "out.csv.manifest.json") {
          JSON.parse(fs.readFileSync(f, "utf8"));
        } else if (/^\..*\.strata-part-\d+-[0-9a-f]{8}/.test(n)) {
          // a temporary of the killed run: never unscrubbed, never unencrypted
          const bytes = fs.readFileSync(f);
          if (op !== "export" && bytes.includes(Buffer.from(PERSONAL)))
            fail(`${n} beside the destination holds personal data`);
          if (op === "share-encrypted" && bytes.length > 16 && bytes.subarray(0, 6).toString() === "SQLite")
            fail(`${n} is a plain copy beside the destination`);
        } else fail(`unexpected file left: ${n}`);
      }
      // the next run (or the app's start) removes what the killed one left
      tally.leftoversSwept += sweepStaleTemps(trial).length + sweepPrivateTemps().length;
      const after = fs.readdirSync(trial).filter((n) => n.includes("strata-part"));
      if (after.length > 0) fail(`left after the sweep: ${after.join(", ")}`);
      const stages = fs.readdirSync(os.tmpdir()).filter((n) => /^strata-share-\d+-/.test(n));
      for (const s of stages) {
        const pid = Number(/^strata-share-(\d+)-/.exec(s)?.[1]);
        let alive = true;
        try {
          process.kill(pid, 0);
        } catch {
          alive = false;
        }
        if (!alive) fail(`a plain stage ${s} of a dead share is left in ${os.tmpdir()}`);
      }
      fs.rmSync(trial, { recursive: true, force: true });
    }
    publish("kill", {
      ...tally,
      baselineMs: Object.fromEntries(Object.entries(baseline).map(([k, v]) => [k, Math.round(v)])),
      failures: tally.failures.slice(0, 20),
    });
    expect(tally.failures).toEqual([]);
  });
});
