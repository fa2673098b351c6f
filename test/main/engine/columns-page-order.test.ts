import type Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { TimelineArrays } from "../../../src-main/engine/columns/build.ts";
import { loadColumns } from "../../../src-main/engine/columns/load.ts";
import { saveProp } from "../../../src-main/engine/columns/prop-store.ts";
import { writeColumns } from "../../../src-main/engine/columns/save.ts";
import { TAG_NUMBER } from "../../../src-main/engine/columns/types.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { roomForIds } from "./saved-columns-helpers.ts";

// A cold open reads the saved columns through SQLite's chains of overflow pages; in page order the
// kernel reads ahead, out of order it reads 4 KB at a time. SQLite reuses freed pages from the
// nearest free neighbour down, so a rewrite into the old columns' pages came out in descending
// order. New workspaces free those pages first (incremental auto-vacuum) and write at the file's end.

let j: Journeys | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
});

/** Steps from one overflow page to the next that go backwards, over every saved column's chain. */
function backwardSteps(db: Database.Database): number {
  const rows = db
    .prepare(
      "SELECT path, pageno FROM dbstat WHERE name = 'engine_columns' AND pagetype = 'overflow' ORDER BY path",
    )
    .raw()
    .all() as [string, number][];
  let back = 0;
  for (let i = 1; i < rows.length; i++) {
    const [path, page] = rows[i] ?? ["", 0];
    const [prevPath, prevPage] = rows[i - 1] ?? ["", 0];
    // the same cell's chain: paths differ only after the '+'
    if (path.split("+")[0] === prevPath.split("+")[0] && page < prevPage) back++;
  }
  return back;
}

function arrays(n: number, shift: number): TimelineArrays {
  return {
    userOffsets: Int32Array.of(0, n),
    eventCodes: Uint16Array.from({ length: n }, (_, i) => 1 + ((i + shift) % 3)),
    times: Float64Array.from({ length: n }, (_, i) => 1.7e12 + i * 1000 + shift),
    seqs: Int32Array.from({ length: n }, (_, i) => i + 1),
    userIds: Int32Array.of(1),
    createdAt: Float64Array.of(Number.NaN),
    eventNames: ["", "a", "b", "c"],
    stamp: "synthetic",
  };
}

describe("saved columns in page order", () => {
  it("stay in order when they are written again after other writes, and the file does not grow by each rewrite", () => {
    j = journeys({ u1: [["a", "2024-06-01T00:00Z"]] });
    const db = j.ws.db;
    expect(db.pragma("auto_vacuum", { simple: true })).toBe(2);
    roomForIds(db);
    // what an import adds between two rewrites: pages of other tables after the saved columns
    db.exec("CREATE TABLE added (x TEXT)");
    const add = db.prepare("INSERT INTO added (x) VALUES (?)");
    const sizes: number[] = [];
    for (let round = 0; round < 4; round++) {
      db.transaction(() => {
        for (let i = 0; i < 3000; i++) add.run("x".repeat(200));
      })();
      writeColumns(db, arrays(600_000, round));
      const col = {
        tag: new Uint8Array(60_000).fill(TAG_NUMBER),
        num: new Float64Array(60_000).fill(round),
        str: new Int32Array(60_000),
        dict: [],
      };
      saveProp(db, "event", "price", "synthetic", col);
      // many pages in chains (about 6.6 MB in 32 KB pages), none of them backwards
      expect(
        Number(
          db
            .prepare("SELECT count(*) FROM dbstat WHERE name = 'engine_columns' AND pagetype = 'overflow'")
            .pluck()
            .get(),
        ),
      ).toBeGreaterThan(150);
      expect(backwardSteps(db)).toBe(0);
      expect(Array.from(loadColumns(db, false, false, "synthetic")?.times ?? []).slice(0, 2)).toEqual([
        1.7e12 + round,
        1.7e12 + 1000 + round,
      ]);
      sizes.push(Number(db.pragma("page_count", { simple: true })));
    }
    // each rewrite gives the old columns' pages back: the file grows by what was added, not by them
    const addedPages =
      Number(db.prepare("SELECT count(*) FROM dbstat WHERE name = 'added'").pluck().get()) / 4;
    for (let k = 1; k < sizes.length; k++)
      expect((sizes[k] ?? 0) - (sizes[k - 1] ?? 0)).toBeLessThanOrEqual(addedPages + 10);
  });
});
