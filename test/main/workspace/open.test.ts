import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { FORMAT_VERSION } from "../../../src-main/workspace/schema.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import type { StrataError } from "../../../src-preload/contract/errors.ts";
import { codeOf } from "../../helpers/error-code.ts";
import { tmpDir } from "../../helpers/tmp.ts";

function sha(file: string): string {
  return fs.readFileSync(file).toString("base64");
}

describe("workspace file", () => {
  it("creates, closes and reopens with WAL, trusted_schema off, and a metadata row", () => {
    const f = path.join(tmpDir(), "a.strata");
    const ws = Workspace.create(f, { timezone: "Europe/Berlin" });
    expect(ws.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(ws.db.pragma("trusted_schema", { simple: true })).toBe(0);
    expect(ws.db.pragma("foreign_keys", { simple: true })).toBe(1);
    const m = ws.meta();
    expect(m.formatVersion).toBe(FORMAT_VERSION);
    expect(m.timezone).toBe("Europe/Berlin");
    expect(m.asOf).toEqual({ mode: "latest" });
    expect(m.weekStart).toBe("monday");
    ws.close();
    const again = Workspace.open(f);
    expect(again.meta().timezone).toBe("Europe/Berlin");
    again.close();
  });

  it("refuses to create over an existing file", () => {
    const f = path.join(tmpDir(), "a.strata");
    fs.writeFileSync(f, "keep me");
    expect(codeOf(() => Workspace.create(f))).toBe("exists");
    expect(fs.readFileSync(f, "utf8")).toBe("keep me");
  });

  it("refuses a file that is not SQLite and leaves it unchanged", () => {
    const f = path.join(tmpDir(), "notes.strata");
    fs.writeFileSync(f, "just some text, long enough to have a header");
    const before = sha(f);
    expect(codeOf(() => Workspace.open(f))).toBe("not_strata");
    expect(sha(f)).toBe(before);
    expect(fs.existsSync(`${f}.lock`)).toBe(false);
  });

  it("refuses an SQLite database that is not a Strata workspace and leaves it unchanged", () => {
    const f = path.join(tmpDir(), "other.sqlite");
    const db = new Database(f);
    db.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1);");
    db.close();
    const before = sha(f);
    expect(codeOf(() => Workspace.open(f))).toBe("not_strata");
    expect(sha(f)).toBe(before);
  });

  it("refuses a workspace written by a newer format", () => {
    const f = path.join(tmpDir(), "new.strata");
    Workspace.create(f).close();
    const db = new Database(f);
    db.pragma(`user_version = ${FORMAT_VERSION + 1}`);
    db.close();
    const before = sha(f);
    let msg = "";
    try {
      Workspace.open(f);
    } catch (e) {
      msg = (e as Error).message;
      expect((e as StrataError).code).toBe("too_new");
    }
    expect(msg).toMatch(/newer Strata/);
    expect(sha(f)).toBe(before);
  });

  it("reports a damaged file as corrupt without changing it", () => {
    const dir = tmpDir();
    const f = path.join(dir, "c.strata");
    const ws = Workspace.create(f);
    ws.db.exec(
      "CREATE TABLE filler (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 5000) INSERT INTO filler SELECT randomblob(200) FROM n;",
    );
    ws.close();
    const buf = fs.readFileSync(f);
    // keep the header, scramble pages in the middle
    for (let i = 8192; i < Math.min(buf.length, 200_000); i += 7) buf[i] = (buf[i] ?? 0) ^ 0x5a;
    fs.writeFileSync(f, buf);
    const before = sha(f);
    expect(["corrupt", "not_strata"]).toContain(codeOf(() => Workspace.open(f)));
    expect(sha(f)).toBe(before);
  });

  it("refuses a second writer and lets it in once the first closes", () => {
    const f = path.join(tmpDir(), "a.strata");
    const first = Workspace.create(f);
    let msg = "";
    try {
      Workspace.open(f);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/open for writing in another Strata/);
    const reader = Workspace.open(f, { readonly: true });
    expect(reader.meta().formatVersion).toBe(FORMAT_VERSION);
    reader.close();
    first.close();
    Workspace.open(f).close();
  });

  it("takes over a lock left by a process that no longer runs", () => {
    const f = path.join(tmpDir(), "a.strata");
    Workspace.create(f).close();
    fs.writeFileSync(`${f}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), since: 1 }));
    const ws = Workspace.open(f);
    ws.close();
    expect(fs.existsSync(`${f}.lock`)).toBe(false);
  });
});

describe("opening a large workspace", () => {
  // Above 256 MB the open checks each table but events and the engine's saved columns. A sparse
  // tail makes the file large without writing 300 MB.
  function bigWorkspace(): { file: string; savedRoot: number; pageSize: number } {
    const file = path.join(tmpDir(), "big.strata");
    const ws = Workspace.create(file);
    ws.db.exec("INSERT INTO saved_items VALUES ('seg_1', 'segment', 'A', '{\"all\":[]}', 0, 0, NULL)");
    const savedRoot = (
      ws.db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'saved_items'").get() as {
        rootpage: number;
      }
    ).rootpage;
    const pageSize = ws.db.pragma("page_size", { simple: true }) as number;
    ws.close();
    fs.truncateSync(file, 300 * 1024 * 1024);
    return { file, savedRoot, pageSize };
  }

  it("opens when its tables are sound", () => {
    const { file } = bigWorkspace();
    const ws = Workspace.open(file, { readonly: true });
    expect(ws.meta().formatVersion).toBe(FORMAT_VERSION);
    ws.close();
  });

  it("leaves the tables that grow with the data to report their damage when read", () => {
    const { file, pageSize } = bigWorkspace();
    const db = new Database(file, { readonly: true });
    const usersRoot = db
      .prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'users'")
      .pluck()
      .get() as number;
    db.close();
    const fd = fs.openSync(file, "r+");
    fs.writeSync(fd, Buffer.from([0xff]), 0, 1, (usersRoot - 1) * pageSize);
    fs.closeSync(fd);
    const ws = Workspace.open(file, { readonly: true });
    expect(() => ws.db.prepare("SELECT * FROM users").all()).toThrow(/malformed/);
    ws.close();
  });

  it("still refuses damage in a checked table, without changing the file", () => {
    const { file, savedRoot, pageSize } = bigWorkspace();
    const fd = fs.openSync(file, "r+");
    fs.writeSync(fd, Buffer.from([0xff]), 0, 1, (savedRoot - 1) * pageSize); // an impossible page type
    fs.closeSync(fd);
    const before = sha(file);
    expect(codeOf(() => Workspace.open(file))).toBe("corrupt");
    expect(sha(file)).toBe(before);
  });
});

describe("an untrusted workspace", () => {
  it("is refused when it carries a trigger or a view, and is left unchanged", () => {
    for (const ddl of [
      "CREATE TRIGGER evil AFTER INSERT ON events BEGIN DELETE FROM saved_items; END",
      "CREATE VIEW v AS SELECT * FROM users",
    ]) {
      const f = path.join(tmpDir(), "hostile.strata");
      Workspace.create(f).close();
      const db = new Database(f);
      db.exec(ddl);
      db.close();
      const before = sha(f);
      let msg = "";
      try {
        Workspace.open(f);
      } catch (e) {
        msg = (e as Error).message;
        expect((e as StrataError).code).toBe("not_strata");
      }
      expect(msg).toMatch(/contains SQL that Strata never writes/);
      expect(sha(f)).toBe(before);
    }
  });
});
