import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../../../src-main/import/ingest.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { query, tempWorkspace } from "./helpers.ts";

// A number column keeps a long run of digits that no double holds exactly (an order id) as text,
// so no digit is lost; a value written with a decimal point or an exponent is a number whatever its
// length, whichever case its exponent's letter is.
describe("long numbers in a number column", () => {
  it("are numbers with a point or an exponent (e or E), text when only their digits would be lost", async () => {
    const file = path.join(tmpDir("strata-long-"), "rows.csv");
    fs.writeFileSync(
      file,
      [
        "user_id,event,time,amount",
        "a,buy,2024-01-01T00:00:00Z,1",
        "a,buy,2024-01-01T00:00:01Z,1234567890123456e2",
        "a,buy,2024-01-01T00:00:02Z,1234567890123456E2",
        "a,buy,2024-01-01T00:00:03Z,1234567890123456.5",
        "a,buy,2024-01-01T00:00:04Z,12345678901234567",
        "a,buy,2024-01-01T00:00:05Z,2.5",
      ].join("\n"),
    );
    for (const pipeline of [false, true]) {
      const ws = tempWorkspace();
      await ingest({
        workspace: ws,
        files: [file],
        options: { types: { amount: "number" } },
        columns: false,
        pipeline,
      });
      const amounts = query<{ properties: string }>(ws, "SELECT properties FROM events ORDER BY seq").map(
        (row) => JSON.parse(row.properties).amount,
      );
      expect(amounts).toEqual([
        1,
        123456789012345600,
        123456789012345600,
        1234567890123456.5,
        "12345678901234567",
        2.5,
      ]);
    }
  });
});
