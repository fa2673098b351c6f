import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ingest } from "../../src-main/import/ingest.ts";
import { Workspace } from "../../src-main/workspace/workspace.ts";
import { StrataError } from "../../src-preload/contract/errors.ts";
import { tmpDir } from "../helpers/tmp.ts";
import { count, int, LONG, pick, publish, rng, SEED } from "./profile.ts";

// Import fuzzing (issue 20): mutations of valid CSV, TSV, NDJSON, JSON and every preset's layout
// (the fixtures), each imported into a copy of a workspace that holds data. Every file must give a
// summary or a StrataError naming the file, within a time limit, and a failed import must leave the
// workspace's events exactly as they were. CI: 500 files; long (`npm run fuzz`): 10,000.

const FILES = Number(process.env.STRATA_FUZZ_FILES) || count(500, 10_000);
const LIMIT_MS = 10_000;
const FIXTURES = path.join(import.meta.dirname, "../fixtures/import");

function seeds(): { name: string; bytes: Buffer }[] {
  const rows = Array.from({ length: 60 }, (_, i) => [
    `u${i % 13}`,
    pick(rng(i), ["visit", "buy", "signup"]),
    `2024-0${1 + (i % 9)}-1${i % 10}T10:00:00Z`,
    i * 1.5,
  ]);
  const csv = `user_id,event,time,amount\n${rows.map((r) => r.join(",")).join("\n")}\n`;
  const tsv = csv.replaceAll(",", "\t");
  const objs = rows.map(([u, e, t, a]) => ({
    user_id: u,
    event: e,
    time: t,
    properties: { amount: a, plan: "pro" },
  }));
  const fixtures = fs
    .readdirSync(FIXTURES)
    .filter((f) => !f.endsWith(".gz"))
    .map((f) => ({ name: f, bytes: fs.readFileSync(path.join(FIXTURES, f)) }));
  return [
    { name: "gen.csv", bytes: Buffer.from(csv) },
    { name: "gen.tsv", bytes: Buffer.from(tsv) },
    { name: "gen.ndjson", bytes: Buffer.from(`${objs.map((o) => JSON.stringify(o)).join("\n")}\n`) },
    { name: "gen.json", bytes: Buffer.from(JSON.stringify(objs)) },
    ...fixtures,
  ];
}

type Mutation = (b: Buffer, r: () => number) => Buffer;

const at = (b: Buffer, r: () => number) => int(r, 0, Math.max(0, b.length - 1));
const splice = (b: Buffer, i: number, del: number, ins: Buffer) =>
  Buffer.concat([b.subarray(0, i), ins, b.subarray(Math.min(b.length, i + del))]);

const MUTATIONS: Record<string, Mutation> = {
  truncate: (b, r) => b.subarray(0, at(b, r)),
  flipBytes: (b, r) => {
    const c = Buffer.from(b);
    for (let k = int(r, 1, 8); k > 0; k--) c[at(c, r)] = int(r, 0, 255);
    return c;
  },
  invalidUtf8: (b, r) => splice(b, at(b, r), 0, Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80])),
  bom: (b, r) =>
    Buffer.concat([
      pick(r, [Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])]),
      b,
    ]),
  nul: (b, r) => splice(b, at(b, r), 0, Buffer.alloc(int(r, 1, 64))),
  hugeField: (b, r) => {
    const nl = b.indexOf(10);
    const i = nl >= 0 ? nl + 1 : 0;
    return splice(
      b,
      i,
      0,
      Buffer.from(`u1,${"x".repeat(r() < 0.1 ? 10 * 1024 * 1024 : 100_000)},2024-01-01\n`),
    );
  },
  deepJson: (b, r) => {
    const d = r() < 0.5 ? 10_000 : 1_000;
    return splice(
      b,
      at(b, r),
      0,
      Buffer.from(`{"user_id":"d","event":"e","time":"2024-01-01","p":${"[".repeat(d)}${"]".repeat(d)}}\n`),
    );
  },
  duplicateHeaders: (b) => {
    const nl = b.indexOf(10);
    const head = b.subarray(0, nl < 0 ? b.length : nl).toString("latin1");
    return Buffer.concat([Buffer.from(`${head},${head}`), b.subarray(nl < 0 ? b.length : nl)]);
  },
  manyHeaders: (b) => {
    const nl = b.indexOf(10);
    const extra = Array.from({ length: 5_000 }, (_, i) => `c${i}`).join(",");
    return Buffer.concat([
      b.subarray(0, nl < 0 ? b.length : nl),
      Buffer.from(`,${extra}`),
      b.subarray(nl < 0 ? b.length : nl),
    ]);
  },
  mixedLineEndings: (b, r) =>
    Buffer.from(
      b.toString("latin1").replace(/\n/g, () => pick(r, ["\n", "\r\n", "\r"])),
      "latin1",
    ),
  numericOverflow: (b, r) =>
    splice(
      b,
      at(b, r),
      0,
      Buffer.from(pick(r, ["1e309", "-1e309", "99999999999999999999999999", "NaN", "0x1p1024"])),
    ),
  farDates: (b, r) =>
    Buffer.from(
      b
        .toString("latin1")
        .replace(/2024-0\d-\d\d/g, () =>
          pick(r, ["0001-01-01", "9999-12-31", "1969-12-31", "2100-01-01", "0099-02-29"]),
        ),
      "latin1",
    ),
  formulaCells: (b, r) =>
    Buffer.from(
      b
        .toString("latin1")
        .replace(/,(\w)/, () => `,${pick(r, ["=cmd|'/c calc'!A1", "+1+1", "-2+3", "@SUM(A1)"])}`),
      "latin1",
    ),
  swapLines: (b, r) => {
    const lines = b.toString("latin1").split("\n");
    const i = int(r, 0, lines.length - 1);
    const j = int(r, 0, lines.length - 1);
    [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
    return Buffer.from(lines.join("\n"), "latin1");
  },
};
const NAMES = Object.keys(MUTATIONS);

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

function fingerprint(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return JSON.stringify([
      db.prepare("SELECT count(*) AS n, total(time) AS t, max(seq) AS s FROM events").get(),
      db.prepare("SELECT count(*) AS n FROM users").get(),
    ]);
  } finally {
    db.close();
  }
}

describe(`import fuzzing (${FILES} files, seed ${SEED})`, () => {
  it("never crashes, hangs or changes the workspace on a failed import", {
    timeout: LONG ? 6 * 3_600_000 : 240_000,
  }, async () => {
    const dir = tmpDir("strata-fuzz-import-");
    const template = path.join(dir, "template.strata");
    const ws = Workspace.create(template);
    ws.close();
    const base = path.join(dir, "base.csv");
    fs.writeFileSync(base, (seeds()[0] as { bytes: Buffer }).bytes);
    await ingest({ workspace: template, files: [base], options: {}, columns: false, pipeline: false });
    await tick(); // ingest closes its connection on the next turn (closeLater)
    // folded into the main file, so that a plain copy of it is the whole workspace
    const t = new Database(template, { timeout: 30_000 });
    t.pragma("wal_checkpoint(TRUNCATE)");
    t.pragma("journal_mode = DELETE");
    t.close();
    const before = fingerprint(template);
    const all = seeds();
    const tally = {
      files: 0,
      imported: 0,
      refused: 0,
      rowsSkipped: 0,
      crashes: 0,
      hangs: 0,
      unnamed: 0,
      partial: 0,
    };
    const byMutation: Record<string, number> = {};
    const failures: string[] = [];
    const slowest: [number, string][] = [];
    const target = path.join(dir, "w.strata");
    for (let i = 0; i < FILES; i++) {
      const r = rng(SEED * 100_003 + i);
      const seed = pick(r, all);
      let bytes = seed.bytes;
      const applied: string[] = [];
      for (let k = int(r, 1, 3); k > 0; k--) {
        const m = pick(r, NAMES);
        applied.push(m);
        bytes = MUTATIONS[m]?.(bytes, r) ?? bytes;
        byMutation[m] = (byMutation[m] ?? 0) + 1;
      }
      const gz = r() < 0.1;
      const name = `case-${i}-${seed.name}${gz ? ".gz" : ""}`;
      const file = path.join(dir, name);
      fs.writeFileSync(
        file,
        gz ? zlib.gzipSync(bytes).subarray(0, r() < 0.5 ? undefined : int(r, 0, bytes.length)) : bytes,
      );
      for (const f of [target, `${target}-wal`, `${target}-shm`]) fs.rmSync(f, { force: true });
      fs.copyFileSync(template, target);
      const t0 = performance.now();
      const what = `case ${i} (seed ${SEED}, ${seed.name}: ${applied.join("+")}${gz ? ", gzip" : ""})`;
      try {
        const [s] = await ingest({
          workspace: target,
          files: [file],
          options: {},
          columns: false,
          pipeline: r() < 0.2,
        });
        tally.imported++;
        tally.rowsSkipped += s?.skipped ?? 0;
      } catch (e) {
        if (!(e instanceof StrataError)) {
          tally.crashes++;
          failures.push(`${what}: crash ${(e as Error).stack ?? String(e)}`);
        } else {
          tally.refused++;
          if (!e.message.includes(name) && !e.message.includes(file)) {
            tally.unnamed++;
            failures.push(`${what}: error does not name the file: ${e.message}`);
          }
        }
        if (fingerprint(target) !== before) {
          tally.partial++;
          failures.push(`${what}: the workspace changed after a failed import`);
        }
      }
      const ms = performance.now() - t0;
      await tick();
      if (ms > LIMIT_MS) {
        tally.hangs++;
        failures.push(`${what}: took ${Math.round(ms)} ms`);
      }
      tally.files++;
      slowest.push([Math.round(ms), what]);
      slowest.sort((a, b) => b[0] - a[0]).splice(5);
      fs.rmSync(file, { force: true });
    }
    publish("import", { ...tally, byMutation, slowest, failures: failures.slice(0, 20) });
    expect(failures).toEqual([]);
  });
});
