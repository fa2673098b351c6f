import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { NEW_FILE_PAGE_SIZE } from "../../../src-main/db/connection.ts";
import type { TimelineArrays } from "../../../src-main/engine/columns/build.ts";
import { ingest } from "../../../src-main/import/ingest.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { events, plain, query, saved, tempWorkspace } from "./helpers.ts";

// New workspaces are made with 32 KB pages (an import's commit and checkpoint cost per page);
// every workspace made before keeps SQLite's 4 KB. Both must take the same imports to the same
// rows and the same saved columns.

const pageSize = (ws: string) => query<{ page_size: number }>(ws, "PRAGMA page_size")[0]?.page_size;

/** A new workspace rewritten with 4 KB pages, as every version before this one made them. */
function fourKbWorkspace(): string {
  const ws = tempWorkspace();
  const db = new Database(ws);
  db.pragma("page_size = 4096");
  db.exec("VACUUM");
  db.close();
  return ws;
}

function csv(dir: string, name: string, first: number): string {
  const rows = ["user_id,event,time,country"];
  for (let i = first; i < first + 3000; i++)
    rows.push(
      `u${(i * 37) % 401},e${i % 4},${1_700_000_000_000 + ((i * 7919) % 9000) * 1000},${i % 3 ? "DE" : "Köln"}`,
    );
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${rows.join("\n")}\n`);
  return file;
}

describe("workspace page size", () => {
  it("a new workspace has 32 KB pages; one with 4 KB pages keeps them and imports the same rows and columns", async () => {
    const fresh = tempWorkspace();
    const old = fourKbWorkspace();
    expect(pageSize(fresh)).toBe(NEW_FILE_PAGE_SIZE);
    expect(pageSize(old)).toBe(4096);
    const dir = tmpDir();
    const files = [csv(dir, "a.csv", 0), csv(dir, "b.csv", 3000)];
    for (const file of files)
      for (const ws of [fresh, old]) await ingest({ workspace: ws, files: [file], options: {} });
    expect(pageSize(old)).toBe(4096);
    expect(pageSize(fresh)).toBe(NEW_FILE_PAGE_SIZE);
    const rows = events(fresh);
    expect(rows).toHaveLength(6000);
    expect(rows.slice(0, 3).map((r) => r.props)).toEqual([
      { country: "Köln" },
      { country: "DE" },
      { country: "DE" },
    ]);
    expect(events(old)).toEqual(rows);
    const columns = saved(fresh).saved;
    expect(columns).not.toBeNull();
    expect(plain(saved(old).saved as TimelineArrays)).toEqual(plain(columns as TimelineArrays));
  });
});
