import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import { buildArrays, loadColumns, type TimelineArrays } from "../../../src-main/engine/columns/index.ts";
import { ingest } from "../../../src-main/import/ingest.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { tempWorkspace } from "../import/helpers.ts";

// An import into a workspace with events merges its batches into the timeline saved before it.
// The import's own fallback (a rebuild from the table after the commit) is switched off here, so
// columns that are current afterwards can only come from the inserting thread.
vi.mock("../../../src-main/engine/columns/index.ts", async (original) => ({
  ...(await original<typeof import("../../../src-main/engine/columns/index.ts")>()),
  persistColumns: () => {
    throw new Error("no rebuild in this test");
  },
}));

const NAMES = ["userOffsets", "eventCodes", "times", "seqs", "userIds", "createdAt"] as const;

/** The saved timeline and a rebuild from scratch are the same, byte for byte. */
function expectSavedIsRebuild(ws: string): number {
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
    expect(saved.eventNames).toEqual(rebuilt.eventNames);
    expect(saved.stamp).toBe(rebuilt.stamp);
    return rebuilt.times.length;
  } finally {
    db.close();
  }
}

const T = 1_700_000_000_000;

/** `n` rows over `users` users, times from a few instants (many ties), out of order. */
function csv(dir: string, name: string, rows: string[]): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, `user_id,event,time\n${rows.join("\n")}\n`);
  return f;
}

function rows(n: number, users: number, salt: number, prefix = "u"): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = i * 7919 + salt * 104729;
    out.push(`${prefix}${k % users},e${(k >> 3) % 6},${T + (k % 13) * 60_000}`);
  }
  return out;
}

describe("the timeline merged by an import into a workspace with events", () => {
  it("is the rebuild from scratch, with users in both files and ties at equal times", async () => {
    const dir = tmpDir();
    const ws = tempWorkspace();
    // u1 in both files, at the same instants as before (ties go to the older, lower seq, event)
    const a = csv(dir, "a.csv", [`u1,e1,${T}`, `u1,e2,${T}`, `u2,e1,${T - 500}`, ...rows(3000, 97, 1)]);
    const b = csv(dir, "b.csv", [
      `u1,e3,${T}`,
      `u1,e4,${T - 1}`,
      `new,e1,${T}`,
      `u2,e2,${T - 500}`,
      `u1,e5,${T}`,
      ...rows(2000, 131, 2),
      ...rows(500, 40, 3, "n"),
    ]);
    await ingest({ workspace: ws, files: [a], options: {} });
    expect(expectSavedIsRebuild(ws)).toBe(3003);
    await ingest({ workspace: ws, files: [b], options: {} });
    expect(expectSavedIsRebuild(ws)).toBe(5508);
    // a third import, of two files (the second the first file's rows again), on merged columns
    const c = csv(dir, "c.csv", rows(1500, 200, 4));
    const d = csv(dir, "d.csv", [`u1,e6,${T}`, ...fs.readFileSync(a, "utf8").trim().split("\n").slice(1)]);
    await ingest({ workspace: ws, files: [c, d], options: {} });
    expect(expectSavedIsRebuild(ws)).toBe(5508 + 1500 + 3004);
  });

  it("is not made from saved columns that were stale before the import", async () => {
    const dir = tmpDir();
    const ws = tempWorkspace();
    await ingest({ workspace: ws, files: [csv(dir, "a.csv", rows(300, 20, 1))], options: {} });
    // an import that leaves the columns stale
    await ingest({
      workspace: ws,
      files: [csv(dir, "b.csv", rows(300, 20, 2))],
      options: {},
      columns: false,
    });
    await ingest({ workspace: ws, files: [csv(dir, "c.csv", rows(300, 20, 3))], options: {} });
    const db = new Database(ws);
    try {
      expect(loadColumns(db)).toBeNull();
      expect(buildArrays(db).times.length).toBe(900);
    } finally {
      db.close();
    }
  });
});
