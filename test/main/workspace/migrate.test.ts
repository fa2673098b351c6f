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
    migrate(db);
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
