import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate } from "../../../src-main/workspace/migrate.ts";
import { FORMAT_VERSION, MIGRATIONS } from "../../../src-main/workspace/schema.ts";

function tables(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);
}

describe("migrations", () => {
  it("the format version is the number of migrations", () => {
    expect(FORMAT_VERSION).toBe(MIGRATIONS.length);
  });

  it("migration 1 creates the first format's tables and sets user_version", () => {
    const db = new Database(":memory:");
    db.exec(MIGRATIONS[0] as string);
    db.pragma("user_version = 1");
    expect(db.pragma("user_version", { simple: true })).toBe(1);
    expect(tables(db)).toEqual([
      "engine_columns",
      "event_names",
      "event_properties",
      "events",
      "exports",
      "imports",
      "meta",
      "saved_items",
      "user_properties",
      "users",
    ]);
    const cols = (db.prepare("PRAGMA table_info(events)").all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(["seq", "user_id", "event_id", "time", "import_id", "insert_id", "properties"]);
  });

  it("migration 2 rebuilds users with a named unique index, keeping users, events and references", () => {
    const db = new Database(":memory:");
    db.pragma("foreign_keys = ON");
    db.exec(MIGRATIONS[0] as string);
    db.pragma("user_version = 1");
    db.prepare(
      "INSERT INTO meta (id, format_version, app_version, created_at, modified_at) VALUES (1, 1, 'x', 0, 0)",
    ).run();
    db.exec(`INSERT INTO users (id, external_id, created_at, attributes) VALUES (1, 'a', 5, '{"plan":"pro"}'), (7, 'b', NULL, NULL);
      INSERT INTO event_names (id, name) VALUES (1, 'open');
      INSERT INTO events (user_id, event_id, time) VALUES (7, 1, 1000), (1, 1, 2000);`);
    migrate(db);
    expect(db.pragma("user_version", { simple: true })).toBe(FORMAT_VERSION);
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.prepare("SELECT * FROM users ORDER BY id").all()).toEqual([
      { id: 1, external_id: "a", created_at: 5, attributes: '{"plan":"pro"}' },
      { id: 7, external_id: "b", created_at: null, attributes: null },
    ]);
    expect(db.prepare("SELECT user_id, time FROM events ORDER BY seq").all()).toEqual([
      { user_id: 7, time: 1000 },
      { user_id: 1, time: 2000 },
    ]);
    expect(db.prepare("SELECT format_version FROM meta").pluck().get()).toBe(FORMAT_VERSION);
    // the index is named (so an import can drop and rebuild it) and still unique
    expect(
      db.prepare("SELECT name FROM sqlite_schema WHERE tbl_name = 'users' AND type = 'index'").pluck().all(),
    ).toEqual(["users_external_id"]);
    expect(() => db.prepare("INSERT INTO users (id, external_id) VALUES (9, 'a')").run()).toThrow(/UNIQUE/);
    // events still refer to users: a missing user is refused
    expect(() => db.prepare("INSERT INTO events (user_id, event_id, time) VALUES (99, 1, 0)").run()).toThrow(
      /FOREIGN KEY/,
    );
  });

  it("migration 3 adds the identities table and the identity merge switch, on by default", () => {
    const db = new Database(":memory:");
    db.exec(MIGRATIONS[0] as string);
    db.pragma("user_version = 1");
    db.prepare(
      "INSERT INTO meta (id, format_version, app_version, created_at, modified_at) VALUES (1, 1, 'x', 0, 0)",
    ).run();
    migrate(db);
    expect(db.prepare("SELECT identity_merge FROM meta").pluck().get()).toBe(1);
    db.prepare("INSERT INTO identities (anon_id, user_id) VALUES ('a', 'u')").run();
    expect(() => db.prepare("INSERT INTO identities (anon_id, user_id) VALUES ('a', 'v')").run()).toThrow(
      /UNIQUE/,
    );
    expect(() => db.prepare("UPDATE meta SET identity_merge = 2").run()).toThrow(/CHECK/);
  });
  it("is idempotent: migrating a current file changes nothing", () => {
    const db = new Database(":memory:");
    migrate(db);
    const before = db.prepare("SELECT sql FROM sqlite_schema ORDER BY name").all();
    migrate(db);
    expect(db.prepare("SELECT sql FROM sqlite_schema ORDER BY name").all()).toEqual(before);
  });

  it("a failing migration leaves the file at its previous version", () => {
    const db = new Database(":memory:");
    db.exec("CREATE TABLE meta (x)"); // collides with migration 1
    expect(() => migrate(db)).toThrow();
    expect(db.pragma("user_version", { simple: true })).toBe(0);
    expect(tables(db)).toEqual(["meta"]);
  });
});
