import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { all, rowsOf, run, sql } from "../../../src-main/db/sql.ts";

// rowsOf writes a multi-row VALUES whose every value is bound: text that looks like SQL is stored
// as text, never run.
describe("rowsOf", () => {
  it("inserts every row with its values bound", () => {
    const db = new Database(":memory:");
    run(db, sql`CREATE TABLE t (a TEXT, b INTEGER)`);
    const rows = [
      ["x'); DROP TABLE t; --", 1],
      ["y", 2],
      [null, 3],
    ];
    const q = sql`INSERT INTO t (a, b) VALUES ${rowsOf(rows)}`;
    expect(q.text).toBe("INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?)");
    run(db, q);
    expect(all(db, sql`SELECT a, b FROM t ORDER BY b`)).toEqual(rows.map(([a, b]) => ({ a, b })));
    db.close();
  });

  it("refuses rows of different widths and an empty list", () => {
    expect(() => rowsOf([["a", 1], ["b"]])).toThrow(/different widths/);
    expect(() => rowsOf([])).toThrow(/bad value rows/);
  });
});
