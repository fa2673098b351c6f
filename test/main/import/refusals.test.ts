import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { ingest } from "../../../src-main/import/ingest.ts";
import { preview } from "../../../src-main/import/inspect.ts";
import { io } from "../../helpers/cli-io.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { events, fixture, tempWorkspace } from "./helpers.ts";

// Files the import must refuse whole: a JSON document cut off mid-download (unless the analyst
// keeps the readable events) and files that are not text. A refused import leaves the workspace's
// content as it was; only the import log gains its "failed" row.

/** Every table's rows (the import log's failed rows aside), in a stable order. */
function content(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    const out: Record<string, unknown[]> = {};
    for (const t of tables) {
      const where = t === "imports" ? " WHERE status = 'done'" : "";
      out[t] = db.prepare(`SELECT * FROM "${t}"${where} ORDER BY 1`).raw().all();
    }
    return out;
  } finally {
    db.close();
  }
}

/** A deterministic stream of bytes that look like nothing (xorshift). */
function noise(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    b[i] = x & 0xff;
  }
  return b;
}

describe("refused files", () => {
  it("a truncated JSON array: refused whole with file, byte offset and readable count; workspace unchanged", async () => {
    const ws = tempWorkspace();
    await ingest({ workspace: ws, files: [fixture("identity-mixpanel.ndjson")], options: {}, columns: true });
    const before = content(ws);
    const file = fixture("truncated-array.json");
    const text = fs.readFileSync(file, "utf8");
    const cutAt = Buffer.byteLength(text.slice(0, text.lastIndexOf("\n") + 1), "utf8");
    let message = "";
    await ingest({ workspace: ws, files: [file], options: {}, columns: true }).catch((e: Error) => {
      message = e.message;
    });
    expect(message).toContain("truncated-array.json ends early");
    expect(message).toContain(`byte ${cutAt.toLocaleString("en-US")}`);
    expect(message).toContain("23 events were readable");
    expect(message).toContain("--keep-readable");
    expect(content(ws)).toEqual(before);
  });

  it("the CLI exits non-zero on it, and --keep-readable imports the 23 readable events", async () => {
    const ws = path.join(tmpDir(), "w.strata");
    const a = io();
    expect(await main(["import", fixture("truncated-array.json"), "--workspace", ws], a.io)).not.toBe(0);
    expect(a.err.join("")).toMatch(/ends early/);
    expect(events(ws)).toEqual([]);
    const b = io();
    expect(
      await main(
        ["import", fixture("truncated-array.json"), "--workspace", ws, "--keep-readable", "--json"],
        b.io,
      ),
    ).toBe(0);
    const s = JSON.parse(b.out.join(""));
    expect(s.added).toBe(23);
    expect(s.skippedByReason.unterminated_json.count).toBe(1);
    expect(events(ws)).toHaveLength(23);
  });

  it("an NDJSON file whose last line is cut is refused the same way", async () => {
    const dir = tmpDir();
    const f = path.join(dir, "cut.ndjson");
    const whole = fs.readFileSync(fixture("identity-segment.ndjson"), "utf8");
    fs.writeFileSync(f, whole.slice(0, whole.length - 30));
    const ws = tempWorkspace();
    const before = content(ws);
    // six whole records, one of them an identify call (no event): five events
    const lastLine = whole.split("\n").slice(0, 6).join("\n").length + 1;
    await expect(ingest({ workspace: ws, files: [f], options: {} })).rejects.toThrow(
      new RegExp(
        `cut\\.ndjson ends early.*byte ${lastLine.toLocaleString("en-US")} \\(line 7\\); 5 events were readable`,
      ),
    );
    expect(content(ws)).toEqual(before);
  });

  it("random bytes and known binary formats are refused with what was detected", async () => {
    const dir = tmpDir();
    const cases: [string, Buffer, RegExp][] = [
      ["random.csv", noise(20_000, 7), /random\.csv is not a text file: .*control characters/],
      ["random.tsv", noise(300, 99), /is not a text file/],
      [
        "book.csv",
        Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), noise(500, 3)]),
        /ZIP archive.*xlsx/,
      ],
      ["copy.csv", Buffer.concat([Buffer.from("SQLite format 3\0"), noise(500, 5)]), /SQLite database/],
    ];
    const ws = tempWorkspace();
    const before = content(ws);
    for (const [name, bytes, why] of cases) {
      const f = path.join(dir, name);
      fs.writeFileSync(f, bytes);
      await expect(ingest({ workspace: ws, files: [f], options: {} })).rejects.toThrow(why);
    }
    expect(content(ws)).toEqual(before);
    // text with a few NUL bytes (a broken export) is still read
    await expect(
      ingest({ workspace: ws, files: [fixture("nul-bytes.csv")], options: {} }),
    ).resolves.toHaveLength(1);
  });

  it("times that read both month-first and day-first in the sample: refused, naming the column and --time-format", async () => {
    // 1 to 12 March in the first 1,200 rows (the sample), then 13 to 20 March
    const lines = ["user_id,event,date"];
    for (let day = 1; day <= 20; day++)
      for (let k = 0; k < 100; k++) lines.push(`u${k},view,${String(day).padStart(2, "0")}/03/2024 10:00`);
    const file = path.join(tmpDir(), "eu.csv");
    fs.writeFileSync(file, `${lines.join("\n")}\n`);
    const ws = tempWorkspace();
    const before = content(ws);
    const refusal =
      /eu\.csv: the times in column "date" read both month-first and day-first.*--time-format "D\/M\/YYYY H:mm"/;
    await expect(ingest({ workspace: ws, files: [file], options: {} })).rejects.toThrow(refusal);
    expect(content(ws)).toEqual(before);
    // the Import view shows it among the file's problems
    expect((await preview(file, {}, "UTC")).problems[0]).toMatch(refusal);
    const [summary] = await ingest({
      workspace: ws,
      files: [file],
      options: { timeFormat: "D/M/YYYY H:mm" },
    });
    expect(summary).toMatchObject({ added: 2000, skipped: 0 });
    const times = events(ws).map((e) => e.time);
    expect([times[0], times[1199], times[1999]]).toEqual([
      Date.UTC(2024, 2, 1, 10),
      Date.UTC(2024, 2, 12, 10),
      Date.UTC(2024, 2, 20, 10),
    ]);
  });

  it("a byte that is not UTF-8 after a UTF-8 start: refused naming the file, line and byte; workspace unchanged", async () => {
    const ws = tempWorkspace();
    await ingest({ workspace: ws, files: [fixture("identity-mixpanel.ndjson")], options: {}, columns: true });
    const before = content(ws);
    const dir = tmpDir();
    // 300 KB of ASCII rows (the encoding is chosen from the first 256 KB), then a Windows-1252 é
    const write = (name: string, header: string | null, row: (i: number) => string, last: string) => {
      const lines = header === null ? [] : [header];
      let size = 0;
      while (size < 300_000) {
        const line = row(lines.length);
        lines.push(line);
        size += line.length + 1;
      }
      const head = `${lines.join("\n")}\n`;
      fs.writeFileSync(
        path.join(dir, name),
        Buffer.concat([Buffer.from(head), Buffer.from(`${last}\n`, "latin1")]),
      );
      const byte = Buffer.byteLength(head) + last.indexOf("\xe9");
      return {
        file: path.join(dir, name),
        where: `line ${lines.length + 1}, byte ${byte.toLocaleString("en-US")} (0xE9)`,
      };
    };
    const csv = write(
      "w.csv",
      "user_id,event,time,city",
      (i) => `u${i % 50},view,2024-01-01T00:00:00Z,Paris`,
      "u1,view,2024-01-02T00:00:00Z,Montr\xe9al",
    );
    for (const pipeline of [true, false])
      await expect(
        ingest({ workspace: ws, files: [csv.file], options: {}, columns: true, pipeline }),
      ).rejects.toThrow(`w.csv is not valid UTF-8 at ${csv.where}`);
    const ndjson = write(
      "w.ndjson",
      null,
      (i) => `{"user_id":"u${i % 50}","event":"view","time":"2024-01-01T00:00:00Z"}`,
      '{"user_id":"u1","event":"view","time":"2024-01-02T00:00:00Z","city":"Montr\xe9al"}',
    );
    await expect(ingest({ workspace: ws, files: [ndjson.file], options: {}, columns: true })).rejects.toThrow(
      new RegExp(
        `w\\.ndjson is not valid UTF-8 at ${ndjson.where.replace(/[()]/g, "\\$&")}.*Save the file as UTF-8`,
      ),
    );
    // a BOM chose UTF-8, not the first 256 KB: the message says which
    const bom = path.join(dir, "bom.csv");
    fs.writeFileSync(
      bom,
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from("user_id,event,time,city\nu1,view,2024-01-02T00:00:00Z,Montr\xe9al\n", "latin1"),
      ]),
    );
    const refused = await ingest({ workspace: ws, files: [bom], options: {}, columns: true }).catch(
      (e: unknown) => String(e),
    );
    expect(refused).toMatch(/bom\.csv is not valid UTF-8 at line 2.*starts with a UTF-8 byte-order mark/);
    expect(refused).not.toMatch(/256 KB/);
    expect(content(ws)).toEqual(before);
  });
});
