import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import Database from "better-sqlite3";
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

  // The bytes of a gzip file depend on the tool and the level: its content (unzipped) identifies it
  // too, hashed as it is read for the import and logged with the import's options.
  describe("of the same content, zipped or not", () => {
    const text = "user_id,event,time\nu1,open,1700000000000\nu2,open,1700000001000\nu3,buy,1700000002000\n";
    const files = () => {
      const dir = tmpDir();
      const plain = path.join(dir, "events.csv");
      fs.writeFileSync(plain, text);
      const zipped = path.join(dir, "events.csv.gz");
      fs.writeFileSync(zipped, zlib.gzipSync(text, { level: 6 }));
      const rezipped = path.join(dir, "again.csv.gz");
      fs.writeFileSync(rezipped, zlib.gzipSync(text, { level: 1 }));
      return { plain, zipped, rezipped };
    };
    const run = (ws: string, file: string | string[], force = false, pipeline = true) =>
      ingest({
        workspace: ws,
        files: [file].flat(),
        options: force ? { force } : {},
        columns: false,
        pipeline,
      });
    const logged = (ws: string) => query<{ n: number }>(ws, "SELECT count(*) AS n FROM imports")[0]?.n;
    const eventCount = (ws: string) => query<{ n: number }>(ws, "SELECT count(*) AS n FROM events")[0]?.n;

    it.each([
      ["two threads", true],
      ["one thread", false],
    ])(
      "refuse a gzip copy of a file imported before, leaving the workspace as it was (%s)",
      async (_, pipeline) => {
        const ws = tempWorkspace();
        const { plain, zipped } = files();
        await run(ws, plain);
        await expect(run(ws, zipped, false, pipeline)).rejects.toMatchObject({
          code: "duplicate_import",
          message: expect.stringMatching(
            /^events\.csv\.gz was imported before, unzipped \(as events\.csv on .*--force$/,
          ),
        });
        expect(eventCount(ws)).toBe(3);
        expect(logged(ws)).toBe(1);
        // forced, it goes in, with its content's hash logged next to its bytes'
        await run(ws, zipped, true);
        expect(eventCount(ws)).toBe(6);
        const last = query<{ file_hash: string; options: string }>(
          ws,
          "SELECT file_hash, options FROM imports ORDER BY id DESC LIMIT 1",
        )[0];
        expect(last?.file_hash).toBe(sha256(zipped));
        expect(JSON.parse(last?.options ?? "{}")).toEqual({
          force: true,
          contentSha256: sha256(plain),
          contentSize: text.length,
        });
      },
    );

    it("refuse the plain file, and another gzip of it, after the gzip file", async () => {
      const ws = tempWorkspace();
      const { plain, zipped, rezipped } = files();
      await run(ws, zipped);
      await expect(run(ws, plain)).rejects.toMatchObject({
        code: "duplicate_import",
        message: expect.stringMatching(/^events\.csv was imported before, zipped \(as events\.csv\.gz on /),
      });
      await expect(run(ws, rezipped)).rejects.toMatchObject({
        code: "duplicate_import",
        message: expect.stringMatching(
          /^again\.csv\.gz was imported before, zipped otherwise \(as events\.csv\.gz/,
        ),
      });
      await expect(run(ws, zipped)).rejects.toMatchObject({ code: "duplicate_import" });
      expect(eventCount(ws)).toBe(3);
      expect(logged(ws)).toBe(1);
    });

    it("refuse a file and its gzip copy given in one job", async () => {
      for (const order of [
        ["plain", "zipped"],
        ["zipped", "plain"],
      ] as const) {
        const ws = tempWorkspace();
        const paths = files();
        await expect(
          run(
            ws,
            order.map((k) => paths[k]),
          ),
        ).rejects.toMatchObject({
          code: "duplicate_import",
          message: expect.stringMatching(/hold the same data/),
        });
        expect(eventCount(ws)).toBe(0);
      }
    });

    it("still refuse the same gzip file by its bytes in a log written before contents were hashed", async () => {
      const ws = tempWorkspace();
      const { zipped } = files();
      await run(ws, zipped);
      // what earlier versions logged: the options alone, or options that are not even JSON
      for (const options of ["{}", "not json"]) {
        const db = new Database(ws);
        db.prepare("UPDATE imports SET options = ?").run(options);
        db.close();
        await expect(run(ws, zipped)).rejects.toMatchObject({ code: "duplicate_import" });
      }
      expect(eventCount(ws)).toBe(3);
    });
  });
});
