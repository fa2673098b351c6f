import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { journeys } from "../helpers/journeys.ts";
import { tmpDir } from "../helpers/tmp.ts";

// Disk full and read-only (issue 20): import, export and share into a full or read-only location
// fail with a clear message (no crash, no stack trace), leave nothing partial, and the workspace
// keeps its data. Method: small tmpfs mounts (`mount -t tmpfs -o size=…`, read-only with `-o ro`),
// which needs root (CI containers run as root); without root the full-disk cases are skipped and
// the read-only case uses a folder without write permission. resources/docs/security.md says so.

const ROOT = path.join(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "scripts/strata.cjs");
const mounts: string[] = [];

function tryMount(dir: string, opts: string): boolean {
  fs.mkdirSync(dir, { recursive: true });
  const r = spawnSync("mount", ["-t", "tmpfs", "-o", opts, "tmpfs", dir], { encoding: "utf8" });
  if (r.status === 0) mounts.push(dir);
  return r.status === 0;
}

// before the temporary folders are removed (after-hooks run last-registered first)
afterEach(() => {
  for (const m of mounts.splice(0).reverse()) spawnSync("umount", [m]);
});

const canMount =
  process.getuid?.() === 0 &&
  (() => {
    const probe = path.join(tmpDir("strata-probe-"), "m");
    const ok = tryMount(probe, "size=64k");
    if (ok) {
      spawnSync("umount", [probe]);
      mounts.pop();
    }
    return ok;
  })();

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 120_000 });
  return { code: r.status, err: r.stderr };
}

function workspace(dir: string): string {
  const j = journeys({ a: [["buy", "2024-06-01T10:00Z"]], b: [["visit", "2024-06-02T10:00Z"]] });
  j.ws.close();
  const ws = path.join(dir, "w.strata");
  fs.copyFileSync(j.file, ws);
  j.close();
  // a rollback journal, as a copy on read-only media would be readable (WAL needs its -shm file)
  const db = new Database(ws);
  db.pragma("journal_mode = DELETE");
  db.close();
  return ws;
}

function eventCount(ws: string): number {
  const db = new Database(ws, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM events").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function expectClean(r: { code: number | null; err: string }, what: string) {
  expect(r.code, `${what}: ${r.err}`).toBeGreaterThan(0);
  expect(r.err, what).toMatch(/(^|\n)strata \w+: /);
  expect(r.err, what).not.toMatch(/\n\s+at /);
}

function bigCsv(file: string, rows: number) {
  const lines = ["user_id,event,time,note"];
  for (let i = 0; i < rows; i++) lines.push(`u${i},x,2024-06-0${1 + (i % 9)}T10:00:00Z,${"n".repeat(80)}`);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
}

describe.skipIf(!canMount)("a full disk (tmpfs)", () => {
  it("an import into a workspace on a full disk fails cleanly and keeps the old data", () => {
    const dir = tmpDir("strata-full-");
    const src = workspace(dir);
    const mnt = path.join(dir, "full");
    const size = fs.statSync(src).size + 96 * 1024;
    expect(tryMount(mnt, `size=${size}`)).toBe(true);
    const ws = path.join(mnt, "w.strata");
    fs.copyFileSync(src, ws);
    const csv = path.join(dir, "big.csv");
    bigCsv(csv, 40_000);
    const r = cli(["import", csv, "--workspace", ws]);
    expectClean(r, "import");
    expect(r.err).toMatch(/full|space|SQLITE_FULL|disk/i);
    expect(cli(["info", ws]).code).toBe(0);
    expect(eventCount(ws)).toBe(2);
  });

  it("export and share onto a full disk fail cleanly and leave nothing there", () => {
    const dir = tmpDir("strata-full-");
    const ws = workspace(dir);
    const mnt = path.join(dir, "full");
    expect(tryMount(mnt, "size=16k")).toBe(true);
    const share = cli(["share", ws, "--out", path.join(mnt, "copy.strata")]);
    expectClean(share, "share");
    const sealed = spawnSync(process.execPath, [CLI, "share", ws, "--out", path.join(mnt, "sealed.strata")], {
      encoding: "utf8",
      env: { ...process.env, STRATA_PASSPHRASE: "full disk test" },
    });
    expectClean({ code: sealed.status, err: sealed.stderr }, "encrypted share");
    // fill what is left, then export
    fs.writeFileSync(path.join(mnt, "filler"), Buffer.alloc(0));
    try {
      fs.writeFileSync(path.join(mnt, "filler"), Buffer.alloc(64 * 1024));
    } catch {
      // full now
    }
    const exp = cli([
      "export",
      ws,
      "--segment",
      '{"all":[]}',
      "--preset",
      "csv",
      "--out",
      path.join(mnt, "e.csv"),
    ]);
    if (exp.code !== 0) expectClean(exp, "export");
    const left = fs
      .readdirSync(mnt)
      .filter((n) => n !== "filler" && !(exp.code === 0 && n.startsWith("e.csv")));
    expect(left).toEqual([]);
    expect(eventCount(ws)).toBe(2);
  });
});

describe("a read-only location", () => {
  it("import into a read-only workspace and share into a read-only folder fail cleanly", () => {
    const dir = tmpDir("strata-ro-");
    const src = workspace(dir);
    const ro = path.join(dir, "ro");
    if (canMount) {
      fs.mkdirSync(ro);
      expect(tryMount(ro, "size=1m")).toBe(true);
      fs.copyFileSync(src, path.join(ro, "w.strata"));
      expect(spawnSync("mount", ["-o", "remount,ro", ro]).status).toBe(0);
    } else {
      fs.mkdirSync(ro);
      fs.copyFileSync(src, path.join(ro, "w.strata"));
      fs.chmodSync(path.join(ro, "w.strata"), 0o444);
      fs.chmodSync(ro, 0o555);
    }
    const ws = path.join(ro, "w.strata");
    const csv = path.join(dir, "more.csv");
    bigCsv(csv, 100);
    expectClean(cli(["import", csv, "--workspace", ws]), "import");
    expectClean(cli(["share", src, "--out", path.join(ro, "copy.strata")]), "share");
    expectClean(
      cli(["export", src, "--segment", '{"all":[]}', "--preset", "csv", "--out", path.join(ro, "e.csv")]),
      "export",
    );
    expect(fs.readdirSync(ro)).toEqual(["w.strata"]);
    expect(eventCount(ws)).toBe(2);
    expect(eventCount(src)).toBe(2);
    if (!canMount) fs.chmodSync(ro, 0o755);
    else spawnSync("mount", ["-o", "remount,rw", ro]);
  });
});

describe.skipIf(!canMount)("a workspace copied to read-only media", () => {
  // A workspace left in WAL mode needs its -shm file even to be read, which read-only media cannot
  // hold: `strata import` must leave a file that opens there, as a colleague's USB stick would.
  it("opens for info and query after a CLI import wrote it", () => {
    const dir = tmpDir("strata-romedia-");
    const csv = path.join(dir, "e.csv");
    bigCsv(csv, 50);
    const made = path.join(dir, "made.strata");
    expect(cli(["import", csv, "--workspace", made]).code).toBe(0);
    const header = fs.readFileSync(made).subarray(18, 20);
    expect([...header], "file format bytes: 1,1 = rollback journal, 2,2 = WAL").toEqual([1, 1]);
    const ro = path.join(dir, "ro");
    expect(tryMount(ro, "size=4m")).toBe(true);
    fs.copyFileSync(made, path.join(ro, "w.strata"));
    expect(spawnSync("mount", ["-o", "remount,ro", ro]).status).toBe(0);
    const ws = path.join(ro, "w.strata");
    const info = cli(["info", ws]);
    expect(info.code, info.err).toBe(0);
    const q = spawnSync(
      process.execPath,
      [CLI, "query", ws, '{"kind":"segmentCount","segment":{"all":[]}}'],
      {
        encoding: "utf8",
      },
    );
    expect(q.status, q.stderr).toBe(0);
    expect(JSON.parse(q.stdout)).toMatchObject({ users: 50 });
    spawnSync("mount", ["-o", "remount,rw", ro]);
  });
});
