import { describe, expect, it } from "vitest";
import { openConnection } from "../../../src-main/import/connection.ts";
import { StrataError } from "../../../src-preload/contract/errors.ts";

// The import names why its connection could not be opened: a refusal that lasted through the
// shared open's tries (test/main/db/open-retry.test.ts) as locked, anything else as not found, each
// with SQLite's code; Strata's own errors pass through.

const failing = (code: string) => () => {
  throw Object.assign(new Error(`${code.toLowerCase()} in the test`), { code });
};

describe("the import's connection", () => {
  it("reports a refusal that lasts as locked, naming SQLite's code", () => {
    expect(() => openConnection("w.strata", failing("SQLITE_BUSY"))).toThrow(
      expect.objectContaining({ code: "locked", message: expect.stringContaining("(SQLITE_BUSY)") }),
    );
  });

  it("reports any other failure as not found, and passes Strata's own errors through", () => {
    expect(() => openConnection("w.strata", failing("SQLITE_CANTOPEN"))).toThrow(
      expect.objectContaining({ code: "not_found", message: expect.stringContaining("SQLITE_CANTOPEN") }),
    );
    const refused = new StrataError("not_strata", "not a workspace");
    expect(() =>
      openConnection("w.strata", () => {
        throw refused;
      }),
    ).toThrow(refused);
  });
});
