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

// The type of a column is decided from the first 1,000 rows; a later cell is a number only when it
// is one by the same rule, else it stays text. JavaScript's unary plus, used before, wrote
// `{"n":Infinity}` (which no JSON reader takes), a blank as 0 and "0x1F" as 31.
describe("cells of a number column after the sampled rows", () => {
  it("are numbers only by the detection's own rule; anything else stays text, and every row is JSON", async () => {
    const file = path.join(tmpDir("strata-late-"), "rows.csv");
    const lines = ["user_id,event,time,n"];
    for (let i = 0; i < 1000; i++) lines.push(`u${i % 7},view,2024-01-01T00:00:00Z,${i}`);
    const late = [
      "Infinity",
      " ",
      "0x1F",
      "007",
      "007.5",
      "1e999",
      "-Infinity",
      "12345678901234567",
      "2.5e3",
      ".5",
    ];
    for (const v of late) lines.push(`u9,view,2024-01-02T00:00:00Z,${v}`);
    lines.push("u9,view,2024-01-02T00:00:00Z,");
    fs.writeFileSync(file, `${lines.join("\n")}\n`);
    for (const pipeline of [false, true]) {
      const ws = tempWorkspace();
      await ingest({ workspace: ws, files: [file], options: {}, columns: false, pipeline });
      const stored = query<{ properties: string | null }>(ws, "SELECT properties FROM events ORDER BY seq");
      const values = stored.map((row) => (row.properties === null ? null : JSON.parse(row.properties).n));
      expect(values.slice(0, 3)).toEqual([0, 1, 2]);
      expect(values.slice(1000)).toEqual([
        "Infinity",
        " ",
        "0x1F",
        "007",
        "007.5",
        "1e999",
        "-Infinity",
        "12345678901234567",
        2500,
        0.5,
        // an empty cell sets nothing, as in any column
        null,
      ]);
    }
  });

  it("are read by the same rule when they are user attributes", async () => {
    const file = path.join(tmpDir("strata-late-"), "posthog.csv");
    const lines = ["event,distinct_id,timestamp,person.properties.age"];
    for (let i = 0; i < 1000; i++) lines.push(`view,p${i % 3},2024-01-01T00:00:00Z,${20 + (i % 50)}`);
    lines.push("view,hex,2024-01-02T00:00:00Z,0x1F", "view,zip,2024-01-02T00:00:00Z,007");
    fs.writeFileSync(file, `${lines.join("\n")}\n`);
    const ws = tempWorkspace();
    await ingest({ workspace: ws, files: [file], options: { preset: "posthog" }, columns: false });
    const ages = query<{ external_id: string; attributes: string }>(
      ws,
      "SELECT external_id, attributes FROM users WHERE external_id IN ('p0', 'hex', 'zip') ORDER BY id",
    ).map((u) => [u.external_id, JSON.parse(u.attributes).age]);
    expect(ages).toEqual([
      ["p0", 69],
      ["hex", "0x1F"],
      ["zip", "007"],
    ]);
  });
});
