import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../../../src-main/import/ingest.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { query, tempWorkspace } from "./helpers.ts";

// An import into a workspace with few users drops the users' unique index and builds it again
// before its commit (inserter.ts). Whatever happens, the workspace must end with the index.
const indexes = (ws: string) =>
  query<{ name: string }>(ws, "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'users'");

function csv(rows: string[]): string {
  const file = path.join(tmpDir("strata-users-index-"), "e.csv");
  fs.writeFileSync(file, `user_id,event,time\n${rows.join("\n")}\n`);
  return file;
}

describe("the users' unique index during an import", () => {
  it("is there after an import, and still refuses a second user with the same id", async () => {
    const ws = tempWorkspace();
    await ingest({
      workspace: ws,
      files: [csv(["a,open,1700000001000", "b,open,1700000002000", "a,open,1700000003000"])],
      options: {},
    });
    expect(indexes(ws)).toEqual([{ name: "users_external_id" }]);
    expect(query(ws, "SELECT id, external_id FROM users ORDER BY id")).toEqual([
      { id: 1, external_id: "a" },
      { id: 2, external_id: "b" },
    ]);
    const w = Workspace.open(ws);
    expect(() => w.db.prepare("INSERT INTO users (id, external_id) VALUES (9, 'a')").run()).toThrow(/UNIQUE/);
    w.close();
  });

  it("is there after a failed import (the rollback restores it)", async () => {
    const ws = tempWorkspace();
    // strict mode fails on the row without a user, after the first batch went in
    const rows = Array.from({ length: 5000 }, (_, i) => `u${i},open,${1700000001000 + i}`).concat([
      ",open,1700000009999",
    ]);
    await expect(
      ingest({ workspace: ws, files: [csv(rows)], options: { strict: true }, columns: false }),
    ).rejects.toThrow();
    expect(indexes(ws)).toEqual([{ name: "users_external_id" }]);
    expect(query(ws, "SELECT count(*) AS n FROM users")).toEqual([{ n: 0 }]);
  });
});
