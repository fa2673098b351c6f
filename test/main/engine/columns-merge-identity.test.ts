import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { buildArrays, loadColumns, type TimelineArrays } from "../../../src-main/engine/columns/index.ts";
import { ingest } from "../../../src-main/import/ingest.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { tempWorkspace } from "../import/helpers.ts";

// Appends whose rows link anonymous ids to identified ones (on two threads, or on one with insert
// ids) update the saved timeline from the one saved before, also when a link merges a user who
// already had events. The import's fallback, a rebuild from the table after the commit, throws
// here: columns that are current afterwards can only come from the import's own merge.
vi.mock("../../../src-main/engine/columns/index.ts", async (original) => ({
  ...(await original<typeof import("../../../src-main/engine/columns/index.ts")>()),
  persistColumns: () => {
    throw new Error("no rebuild in this test");
  },
}));

const NAMES = ["userOffsets", "eventCodes", "times", "seqs", "userIds", "createdAt"] as const;

interface Row {
  device: number | null;
  user: number | null;
  event: number;
  minute: number;
}

const T0 = Date.UTC(2024, 5, 1);
// one pool of ids for both sides, so that links chain, and some would close a cycle
const id = (k: number) => `p${k}`;

function amplitudeCsv(dir: string, name: string, rows: Row[], insertIds: boolean, from: number): string {
  const f = path.join(dir, name);
  const lines = rows.map((r, i) => {
    const time = new Date(T0 + r.minute * 60_000).toISOString().replace("T", " ").slice(0, 19);
    const cells = [
      r.device === null ? "" : id(r.device),
      r.user === null ? "" : id(r.user),
      `e${r.event}`,
      time,
    ];
    return (insertIds ? [`i${from + i}`, ...cells] : cells).join(",");
  });
  const head = `${insertIds ? "$insert_id," : ""}device_id,user_id,event_type,event_time`;
  fs.writeFileSync(f, `${head}\n${lines.join("\n")}\n`);
  return f;
}

/**
 * The reference: the first identified id seen with an anonymous id owns it; links are joined in the
 * order they were first seen, a link whose two ids are already one person changes nothing, and a
 * person is named by the id that was never linked away (the end of the chain). Events per person.
 */
function referenceCounts(files: Row[][]): Map<string, number> {
  const owner = new Map<string, string>();
  const order: [string, string][] = [];
  for (const rows of files)
    for (const r of rows) {
      if (r.device === null || r.user === null || r.device === r.user) continue;
      const a = id(r.device);
      if (!owner.has(a)) {
        owner.set(a, id(r.user));
        order.push([a, id(r.user)]);
      }
    }
  const parent = new Map<string, string>();
  const root = (x: string): string => {
    let r = x;
    while (parent.has(r)) r = parent.get(r) as string;
    return r;
  };
  for (const [a, b] of order) {
    const ra = root(a);
    const rb = root(b);
    if (ra !== rb) parent.set(ra, rb);
  }
  const counts = new Map<string, number>();
  for (const rows of files)
    for (const r of rows) {
      const u = r.user ?? r.device;
      if (u === null) continue;
      const p = root(id(u));
      counts.set(p, (counts.get(p) ?? 0) + 1);
    }
  return counts;
}

/** The saved timeline is the rebuild from scratch, byte for byte; returns events per timeline user. */
function savedIsRebuild(ws: string): Map<string, number> {
  const db = new Database(ws);
  try {
    const saved = loadColumns(db) as TimelineArrays;
    expect(saved).not.toBeNull();
    const rebuilt = buildArrays(db);
    for (const name of NAMES) {
      const a = saved[name];
      const b = rebuilt[name];
      expect(
        Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
          Buffer.from(b.buffer, b.byteOffset, b.byteLength),
        ),
        name,
      ).toBe(true);
    }
    expect(saved.stamp).toBe(rebuilt.stamp);
    const ext = new Map(
      (db.prepare("SELECT id, external_id FROM users").raw().all() as [number, string][]).map(([k, v]) => [
        k,
        v,
      ]),
    );
    const counts = new Map<string, number>();
    saved.userIds.forEach((u, i) => {
      const n = (saved.userOffsets[i + 1] as number) - (saved.userOffsets[i] as number);
      if (n > 0) counts.set(ext.get(u) as string, n);
    });
    return counts;
  } finally {
    db.close();
  }
}

const row = fc.record({
  device: fc.option(fc.integer({ min: 0, max: 7 }), { nil: null }),
  user: fc.option(fc.integer({ min: 0, max: 7 }), { nil: null }),
  event: fc.integer({ min: 0, max: 3 }),
  // few instants: many ties, which seq must break
  minute: fc.integer({ min: 0, max: 5 }),
});

describe("the timeline saved by appends that carry identity links", () => {
  it("is merged from the saved one, equals the rebuild, and counts each person's events once", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.array(row, { minLength: 1, maxLength: 30 }), fc.boolean()), {
          minLength: 2,
          maxLength: 3,
        }),
        async (imports) => {
          const dir = tmpDir();
          const ws = tempWorkspace();
          const done: Row[][] = [];
          let from = 0;
          for (const [k, [rows, insertIds]] of imports.entries()) {
            // the first row has a user, so every file has rows to import and a user column to detect
            const all: Row[] = [{ device: 0, user: null, event: 0, minute: 0 }, ...rows];
            const f = amplitudeCsv(dir, `f${k}.csv`, all, insertIds, from);
            from += all.length;
            // two files may hold the same rows (small arrays are likely): not refused as a re-import
            await ingest({ workspace: ws, files: [f], options: { preset: "amplitude", force: true } });
            done.push(all);
            expect(Object.fromEntries(savedIsRebuild(ws))).toEqual(Object.fromEntries(referenceCounts(done)));
          }
        },
      ),
      // each import starts its worker threads: a few runs cost seconds
      { numRuns: 8 },
    );
  }, 240_000);

  it("keeps import order at equal times when a linked user's events join their person's", async () => {
    // found by the property above: the joined runs are each in order, not their concatenation
    const dir = tmpDir();
    const ws = tempWorkspace();
    const files: Row[][] = [
      [
        { device: 0, user: null, event: 0, minute: 0 },
        { device: 2, user: null, event: 1, minute: 0 },
      ],
      [
        { device: 0, user: null, event: 2, minute: 0 },
        { device: 0, user: 2, event: 3, minute: 0 },
      ],
    ];
    for (const [k, rows] of files.entries())
      await ingest({
        workspace: ws,
        files: [amplitudeCsv(dir, `f${k}.csv`, rows, false, k * 10)],
        options: { preset: "amplitude" },
      });
    expect(Object.fromEntries(savedIsRebuild(ws))).toEqual({ p2: 4 });
  });

  it("moves the events of a user who had some before a later file links them", async () => {
    const dir = tmpDir();
    const ws = tempWorkspace();
    const before: Row[] = [
      { device: 1, user: null, event: 0, minute: 3 },
      { device: 1, user: null, event: 1, minute: 1 },
      { device: null, user: 2, event: 2, minute: 1 },
      { device: 3, user: null, event: 0, minute: 2 },
    ];
    const after: Row[] = [
      { device: 1, user: 2, event: 3, minute: 1 },
      { device: 3, user: 1, event: 3, minute: 0 },
    ];
    const files: [Row[], boolean][] = [
      [before, false],
      [after, true],
    ];
    for (const [k, [rows, insertIds]] of files.entries()) {
      await ingest({
        workspace: ws,
        files: [amplitudeCsv(dir, `f${k}.csv`, rows, insertIds, k * 10)],
        options: { preset: "amplitude" },
      });
    }
    // p3 -> p1 -> p2: one person with every event
    expect(Object.fromEntries(savedIsRebuild(ws))).toEqual({ p2: 6 });
  });
});
