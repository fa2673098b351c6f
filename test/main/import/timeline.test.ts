import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import {
  buildArrays,
  buildArraysFrom,
  type EventChunk,
  type TimelineArrays,
} from "../../../src-main/engine/columns/index.ts";
import { ingest } from "../../../src-main/import/ingest.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { plain, saved, tempWorkspace } from "./helpers.ts";

// The inserting thread saves the engine's timeline from the batches it wrote instead of letting the
// engine re-read the table; what it saves must be what the engine would have built.

/** Users with events out of time order, ties at the same instant, a skipped row, several files. */
function files(dir: string): string[] {
  const a = path.join(dir, "a.csv");
  const b = path.join(dir, "b.csv");
  const rows = ["user_id,event,time,n"];
  for (let i = 0; i < 9000; i++) {
    const t = 1_700_000_000_000 + ((i * 7919) % 5000) * 1000;
    rows.push(`u${(i * 31) % 613},e${i % 5},${t},${i}`);
  }
  rows.push(",e1,1700000000000,0");
  fs.writeFileSync(a, `${rows.join("\n")}\n`);
  fs.writeFileSync(
    b,
    "user_id,event,time\nu1,e9,1700000000000\nnew,e1,1600000000000\nu1,e1,1700000000000\nu1,e0,1690000000000\n",
  );
  return [a, b];
}

describe("the timeline saved by the import", () => {
  it("is the one the engine builds from the table, for an import into an empty workspace", async () => {
    const ws = tempWorkspace();
    await ingest({ workspace: ws, files: files(tmpDir()), options: {} });
    const { saved: s, rebuilt } = saved(ws);
    expect(s).not.toBeNull();
    expect(plain(s as TimelineArrays)).toEqual(plain(rebuilt));
    expect(rebuilt.times.length).toBe(9004);
  });

  it("the builder the collector uses, fed the table's rows in seq order, builds what the engine builds", async () => {
    const ws = tempWorkspace();
    await ingest({ workspace: ws, files: files(tmpDir()), options: {}, columns: false });
    const db = new Database(ws);
    try {
      const rows = db
        .prepare("SELECT user_id, event_id, time FROM events ORDER BY seq")
        .raw()
        .all() as number[][];
      const chunks: EventChunk[] = [];
      // uneven batches, as the last batch of each file is; no seqs: numbered from 1 as inserted
      for (let i = 0; i < rows.length; i += 4000) {
        const part = rows.slice(i, i + 4000);
        chunks.push({
          n: part.length,
          uids: Int32Array.from(part, (r) => r[0] as number),
          eids: Int32Array.from(part, (r) => r[1] as number),
          times: Float64Array.from(part, (r) => r[2] as number),
        });
      }
      expect(plain(buildArraysFrom(db, chunks))).toEqual(plain(buildArrays(db)));
    } finally {
      db.close();
    }
  });

  it("is current after an import into a workspace that had events", async () => {
    const ws = tempWorkspace();
    const [a, b] = files(tmpDir()) as [string, string];
    await ingest({ workspace: ws, files: [b], options: {} });
    await ingest({ workspace: ws, files: [a], options: {} });
    const { saved: s, rebuilt } = saved(ws);
    expect(plain(s as TimelineArrays)).toEqual(plain(rebuilt));
    expect(rebuilt.times.length).toBe(9004);
  });

  it("is current after an event import into a workspace that had users (with created_at) but no events", async () => {
    const ws = tempWorkspace();
    const dir = tmpDir();
    const people = path.join(dir, "people.csv");
    fs.writeFileSync(
      people,
      "user_id,created_at,plan\nu5,2023-01-02T00:00:00Z,pro\nzed,2023-02-03T00:00:00Z,free\n",
    );
    await ingest({ workspace: ws, files: [people], options: { kind: "users" } });
    const [a] = files(dir) as [string];
    await ingest({ workspace: ws, files: [a], options: {} });
    const { saved: s, rebuilt } = saved(ws);
    expect(plain(s as TimelineArrays)).toEqual(plain(rebuilt));
    // zed has no events but is a user; u5 keeps its created_at
    expect(rebuilt.userIds.length).toBe(614);
    expect([...rebuilt.createdAt].filter((c) => !Number.isNaN(c))).toHaveLength(2);
  });
});
