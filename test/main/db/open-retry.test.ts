import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { retryTransient } from "../../../src-main/db/connection.ts";
import { StrataError } from "../../../src-preload/contract/errors.ts";

// Every connection is opened again when SQLite refuses it for a moment (another connection to the
// same file initializing the WAL index); a lasting refusal, or any other failure, passes through as
// SQLite threw it.

/** An opener that fails with these SQLite codes in turn, then opens. */
function failingWith(codes: string[]) {
  const calls: number[] = [];
  const open = () => {
    calls.push(calls.length);
    const code = codes[calls.length - 1];
    if (code === undefined) return new Database(":memory:");
    throw Object.assign(new Error(`${code.toLowerCase()} in the test`), { code });
  };
  return { open, calls };
}

describe("opening a connection", () => {
  it("is tried again after a transient refusal", () => {
    const { open, calls } = failingWith(["SQLITE_BUSY_RECOVERY", "SQLITE_PROTOCOL"]);
    const db = retryTransient(open);
    expect(calls).toHaveLength(3);
    expect(db.open).toBe(true);
    db.close();
  });

  it("gives up after five tries, with SQLite's own error", () => {
    const { open, calls } = failingWith(Array.from({ length: 9 }, () => "SQLITE_BUSY"));
    expect(() => retryTransient(open)).toThrow(expect.objectContaining({ code: "SQLITE_BUSY" }));
    expect(calls).toHaveLength(5);
  });

  it("passes any other failure at once, Strata's own errors included", () => {
    const missing = failingWith(["SQLITE_CANTOPEN"]);
    expect(() => retryTransient(missing.open)).toThrow(expect.objectContaining({ code: "SQLITE_CANTOPEN" }));
    expect(missing.calls).toHaveLength(1);
    const refused = new StrataError("not_strata", "not a workspace");
    let tries = 0;
    expect(() =>
      retryTransient(() => {
        tries++;
        throw refused;
      }),
    ).toThrow(refused);
    expect(tries).toBe(1);
  });
});
