import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openConnection } from "../../../src-main/import/connection.ts";
import { StrataError } from "../../../src-preload/contract/errors.ts";

// The import's connection is opened again when SQLite refuses it for a moment (another connection
// of the same import initializing the WAL index); a lasting refusal, or any other failure, is
// reported with what SQLite said.

/** An opener that fails with these SQLite codes in turn, then opens. */
function failingWith(codes: string[]) {
  const calls: string[] = [];
  const open = (file: string) => {
    calls.push(file);
    const code = codes[calls.length - 1];
    if (code === undefined) return new Database(":memory:");
    throw Object.assign(new Error(`${code.toLowerCase()} in the test`), { code });
  };
  return { open, calls };
}

describe("the import's connection", () => {
  it("is opened again after a transient refusal", () => {
    const { open, calls } = failingWith(["SQLITE_BUSY_RECOVERY", "SQLITE_PROTOCOL"]);
    const db = openConnection("w.strata", open);
    expect(calls).toEqual(["w.strata", "w.strata", "w.strata"]);
    expect(db.open).toBe(true);
    db.close();
  });

  it("reports a refusal that lasts as locked, naming SQLite's code, after five tries", () => {
    const { open, calls } = failingWith(Array.from({ length: 9 }, () => "SQLITE_BUSY"));
    expect(() => openConnection("w.strata", open)).toThrow(
      expect.objectContaining({ code: "locked", message: expect.stringContaining("(SQLITE_BUSY)") }),
    );
    expect(calls).toHaveLength(5);
  });

  it("reports any other failure at once, and passes Strata's own errors through", () => {
    const missing = failingWith(["SQLITE_CANTOPEN"]);
    expect(() => openConnection("w.strata", missing.open)).toThrow(
      expect.objectContaining({ code: "not_found", message: expect.stringContaining("SQLITE_CANTOPEN") }),
    );
    expect(missing.calls).toHaveLength(1);
    const refused = new StrataError("not_strata", "not a workspace");
    expect(() =>
      openConnection("w.strata", () => {
        throw refused;
      }),
    ).toThrow(refused);
  });
});
