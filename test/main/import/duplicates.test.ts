import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../../../src-main/import/ingest.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { fixture, query, tempWorkspace } from "./helpers.ts";

const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

// A file is hashed in a pass of its own only when an earlier import has its size; otherwise while
// it is imported. Either way the log holds the hash of the whole file and a copy is refused.
describe("re-imports", () => {
  it("are refused after a first import that hashed the file while reading it", async () => {
    const ws = tempWorkspace();
    const dir = tmpDir();
    const first = path.join(dir, "events.csv");
    fs.writeFileSync(first, "user_id,event,time\nu1,open,1700000000000\nu2,open,1700000001000\n");
    await ingest({ workspace: ws, files: [first], options: {}, columns: false });
    expect(query(ws, "SELECT file_hash FROM imports")).toEqual([{ file_hash: sha256(first) }]);

    const copy = path.join(dir, "copy.csv");
    fs.copyFileSync(first, copy);
    await expect(ingest({ workspace: ws, files: [copy], options: {}, columns: false })).rejects.toMatchObject(
      {
        code: "duplicate_import",
      },
    );
    // same size, other bytes: hashed first, then imported
    const other = path.join(dir, "other.csv");
    fs.writeFileSync(other, fs.readFileSync(first, "utf8").replace("u1", "u3"));
    await ingest({ workspace: ws, files: [other], options: {}, columns: false });
    expect(query(ws, "SELECT file_hash FROM imports ORDER BY id")).toEqual([
      { file_hash: sha256(first) },
      { file_hash: sha256(other) },
    ]);
    // with --force the copy goes in, logged under its hash too
    await ingest({ workspace: ws, files: [copy], options: { force: true }, columns: false });
    expect(query(ws, "SELECT file_hash FROM imports ORDER BY id")).toEqual([
      { file_hash: sha256(first) },
      { file_hash: sha256(other) },
      { file_hash: sha256(first) },
    ]);
  });

  it("of a truncated gzip file are recognised: the log holds the hash of all of its bytes", async () => {
    const ws = tempWorkspace();
    const file = fixture("truncated.csv.gz");
    await ingest({ workspace: ws, files: [file], options: {}, columns: false });
    expect(query(ws, "SELECT file_hash FROM imports")).toEqual([{ file_hash: sha256(file) }]);
    await expect(ingest({ workspace: ws, files: [file], options: {}, columns: false })).rejects.toMatchObject(
      {
        code: "duplicate_import",
      },
    );
  });

  it("of one file twice in a job are refused before anything is written", async () => {
    const ws = tempWorkspace();
    const dir = tmpDir();
    const a = path.join(dir, "a.csv");
    fs.writeFileSync(a, "user_id,event,time\nu1,open,1700000000000\n");
    const b = path.join(dir, "b.csv");
    fs.copyFileSync(a, b);
    await expect(ingest({ workspace: ws, files: [a, b], options: {}, columns: false })).rejects.toMatchObject(
      {
        code: "duplicate_import",
      },
    );
    expect(query(ws, "SELECT count(*) AS n FROM events")).toEqual([{ n: 0 }]);
  });
});
