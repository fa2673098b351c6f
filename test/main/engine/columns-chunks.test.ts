import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildArrays, type TimelineArrays } from "../../../src-main/engine/columns/build.ts";
import { loadColumns } from "../../../src-main/engine/columns/load.ts";
import { writeColumns } from "../../../src-main/engine/columns/save.ts";
import { CHUNK_BYTES, COLUMNS_VERSION } from "../../../src-main/engine/columns/saved-layout.ts";
import { InProcessEngine } from "../../../src-main/engine/index.ts";
import { ingest } from "../../../src-main/import/ingest.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { fixture, tempWorkspace } from "../import/helpers.ts";
import { expectLoadsAsSaved, roomForIds } from "./saved-columns-helpers.ts";

// Columns are saved in chunks (a single bound buffer over ~500 MB is refused by better-sqlite3);
// the chunked layout must give the same bytes and answers as one blob, and the previous version's
// one-row-per-array layout must still open.

let j: Journeys | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
  vi.restoreAllMocks();
});

const NAMES = ["userOffsets", "eventCodes", "times", "seqs", "userIds", "createdAt"] as const;

function fixtureWs(): Journeys {
  const spec: Record<string, [string, string][]> = {};
  for (let i = 0; i < 200; i++) {
    const evs: [string, string][] = [["signup", `2024-06-0${1 + (i % 7)}T10:00Z`]];
    for (let k = 0; k < i % 6; k++) evs.push([k % 2 ? "buy" : "view", `2024-06-1${k}T0${k}:00Z`]);
    spec[`u${i}`] = evs;
  }
  return journeys(spec);
}

const QUERIES = [
  parseOrThrow(Query, { kind: "segmentCount", segment: { performed: { event: "buy" } } }),
  parseOrThrow(Query, {
    kind: "funnel",
    steps: [{ event: "signup" }, { event: "view" }, { event: "buy" }],
    range: { from: "2024-06-01", to: "2024-06-30" },
  }),
];

async function answers(db: Database.Database): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const q of QUERIES) out.push(await new InProcessEngine(db).run(q));
  return out;
}

function bytesOf(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** The saved bytes of one array, its chunks put together in index order by plain SQL. */
function savedBytes(db: Database.Database, name: string): Buffer {
  const rows = db
    .prepare("SELECT name, data FROM engine_columns WHERE name LIKE ? ESCAPE '!'")
    .all(`timeline.${name}#%`) as { name: string; data: Buffer }[];
  rows.sort((a, b) => Number(a.name.split("#")[1]) - Number(b.name.split("#")[1]));
  return Buffer.concat(rows.map((r) => r.data));
}

/** The stamp as the previous version wrote it, from plain SQL: the user count as its third field. */
function previousStamp(db: Database.Database): string {
  const r = db
    .prepare(
      `SELECT (SELECT coalesce(sum(count), 0) FROM event_names) AS n, (SELECT max(seq) FROM events) AS s,
              (SELECT count(*) FROM users) AS u, (SELECT max(id) FROM users) AS mu, (SELECT count(*) FROM imports) AS i`,
    )
    .get() as { n: number; s: number | null; u: number; mu: number | null; i: number };
  return `${r.n}:${r.s ?? 0}:${r.u}:${r.mu ?? 0}:${r.i}`;
}

/** The previous version's layout and stamp, written directly: one row per array. */
function writeOldLayout(db: Database.Database, arrays: TimelineArrays): void {
  db.exec("DELETE FROM engine_columns WHERE name LIKE 'timeline.%'");
  const put = db.prepare("INSERT INTO engine_columns (name, version, built_at, data) VALUES (?, ?, 0, ?)");
  for (const n of NAMES) put.run(`timeline.${n}`, COLUMNS_VERSION, bytesOf(arrays[n]));
  const meta = JSON.stringify({ stamp: previousStamp(db), eventNames: arrays.eventNames });
  put.run("timeline.meta", COLUMNS_VERSION, Buffer.from(meta, "utf8"));
}

describe("chunked saved columns", () => {
  it("at 1 KB chunks save the same bytes and give the same arrays and answers as one chunk", async () => {
    j = fixtureWs();
    const db = j.ws.db;
    const built = buildArrays(db);
    expect(built.times.byteLength).toBeGreaterThan(4 * 1024);
    const fresh = await answers(db);

    writeColumns(db, built, { chunkBytes: 1024, narrow: false });
    const chunks = db
      .prepare("SELECT count(*) FROM engine_columns WHERE name LIKE 'timeline.times#%'")
      .pluck()
      .get();
    expect(chunks).toBe(Math.ceil(built.times.byteLength / 1024));
    for (const n of NAMES) expect(savedBytes(db, n).equals(bytesOf(built[n]))).toBe(true);
    const small = loadColumns(db);
    expect(small).not.toBeNull();
    for (const n of NAMES) expect(Array.from(small?.[n] ?? [])).toEqual(Array.from(built[n]));
    const smallAnswers = await answers(db);

    writeColumns(db, built, { narrow: false });
    expect(
      db.prepare("SELECT count(*) FROM engine_columns WHERE name LIKE 'timeline.times#%'").pluck().get(),
    ).toBe(1);
    for (const n of NAMES) expect(savedBytes(db, n).equals(bytesOf(built[n]))).toBe(true);
    const shared = loadColumns(db, true);
    for (const n of NAMES) expect(Array.from(shared?.[n] ?? [])).toEqual(Array.from(built[n]));
    expect(smallAnswers).toEqual(fresh);
    expect(await answers(db)).toEqual(fresh);
  });

  it("plain arrays of many default-size chunks load whole (shared ones into shared memory), as do a previous version's 256 MB chunks", () => {
    j = fixtureWs();
    const db = j.ws.db;
    roomForIds(db);
    // 300,000 events over 1,000 users (times alone span 3 chunks of 1 MiB), from a fixed LCG
    let x = 12345;
    const next = () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x;
    };
    const nUsers = 1000;
    const nEvents = 300_000;
    const userOffsets = Int32Array.from({ length: nUsers + 1 }, (_, u) => Math.round((u * nEvents) / nUsers));
    const arrays: TimelineArrays = {
      userOffsets,
      eventCodes: Uint16Array.from({ length: nEvents }, () => 1 + (next() % 3)),
      times: Float64Array.from({ length: nEvents }, (_, i) => 1.7e12 + i * 1000 + (next() % 997)),
      seqs: Int32Array.from({ length: nEvents }, (_, i) => i + 1),
      userIds: Int32Array.from({ length: nUsers }, (_, u) => u + 1),
      createdAt: Float64Array.from({ length: nUsers }, (_, u) => (u % 7 === 0 ? Number.NaN : 1.6e12 + u)),
      eventNames: ["", "a", "b", "c"],
      stamp: "synthetic",
    };
    for (const chunk of [undefined, 256 * 1024 * 1024]) {
      writeColumns(db, arrays, { chunkBytes: chunk, narrow: false });
      const rows = db
        .prepare("SELECT count(*) FROM engine_columns WHERE name LIKE 'timeline.times#%'")
        .pluck()
        .get();
      expect(rows).toBe(chunk === undefined ? Math.ceil(arrays.times.byteLength / CHUNK_BYTES) : 1);
      for (const shared of [false, true]) expectLoadsAsSaved(db, arrays, shared);
    }
  });

  it("refuses a chunk size that would split an element", () => {
    j = fixtureWs();
    expect(() =>
      writeColumns(j?.ws.db as Database.Database, buildArrays(j?.ws.db as Database.Database), {
        chunkBytes: 1001,
      }),
    ).toThrow(RangeError);
  });

  it("a workspace written by the previous version (one row per array) opens with identical answers", async () => {
    j = fixtureWs();
    const db = j.ws.db;
    const built = buildArrays(db);
    const fresh = await answers(db);
    writeOldLayout(db, built);
    const old = loadColumns(db, false, true);
    expect(old).not.toBeNull();
    for (const n of NAMES) expect(Array.from(old?.[n] ?? [])).toEqual(Array.from(built[n]));
    expect(await answers(db)).toEqual(fresh);
    // the old rows were used, not rebuilt over
    expect(
      db.prepare("SELECT count(*) FROM engine_columns WHERE name LIKE 'timeline.%#%'").pluck().get(),
    ).toBe(0);
  });
});

describe("a failure to save the columns", () => {
  it("is reported on stderr by the import, which still commits the events", async () => {
    const file = tempWorkspace();
    const db = new Database(file);
    // a CHECK no saved column can meet (a trigger would do it too, but a file with one is refused)
    db.exec(`ALTER TABLE engine_columns RENAME TO engine_columns_was;
      CREATE TABLE engine_columns (name TEXT PRIMARY KEY, version INTEGER NOT NULL, built_at INTEGER NOT NULL,
        data BLOB NOT NULL CONSTRAINT disk_says_no CHECK (length(data) < 0));
      DROP TABLE engine_columns_was;`);
    db.close();
    const seen: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      seen.push(String(chunk));
      return true;
    });
    await ingest({ workspace: file, files: [fixture("broken-rows.csv")], options: {}, pipeline: false });
    vi.restoreAllMocks();
    expect(seen.join("")).toMatch(/columns were not saved \(CHECK constraint failed: disk_says_no\)/);
    const after = new Database(file, { readonly: true });
    try {
      expect(after.prepare("SELECT count(*) FROM events").pluck().get()).toBe(2);
      expect(after.prepare("SELECT count(*) FROM engine_columns").pluck().get()).toBe(0);
    } finally {
      after.close();
    }
  });
});
