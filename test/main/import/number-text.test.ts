import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ingest } from "../../../src-main/import/ingest.ts";
import { preview } from "../../../src-main/import/inspect.ts";
import { numberOf, readsDecimalComma } from "../../../src-main/import/number-text.ts";
import type { ImportPreview } from "../../../src-preload/contract/methods/import.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { tempWorkspace } from "./helpers.ts";

// Figures written the European way, as Excel writes them in `;`-delimited files: checked against
// Intl's own German formatting, which shares no code with the reader.

const german = (n: number, digits: number) =>
  new Intl.NumberFormat("de-DE", { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);

describe("decimal commas", () => {
  it("read back any figure Intl writes in German, grouped or not", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        (cents, digits, grouped) => {
          const n = cents / 10 ** digits;
          const text = grouped ? german(n, digits) : german(n, digits).replaceAll(".", "");
          expect(numberOf(text.replace("\u2212", "-"), "decimalComma")).toBe(Number(n.toFixed(digits)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("leave text that is not such a figure as text", () => {
    for (const t of [
      "1.5",
      "0.25",
      "1,2,3",
      "1.23,4",
      "007",
      "1.0000",
      ",5",
      "1,",
      "Infinity",
      "1e5",
      "12.34.5",
    ])
      expect(numberOf(t, "decimalComma"), t).toBeNull();
  });

  it("are read only off comma-delimited text, where a column writes one and no point fraction", () => {
    expect(readsDecimalComma(";", ["3,5", "1.234", "2"])).toBe(true);
    expect(readsDecimalComma("\t", ["1.234,00"])).toBe(true);
    expect(readsDecimalComma(",", ["3,5"])).toBe(false);
    expect(readsDecimalComma(null, ["3,5"])).toBe(false);
    expect(readsDecimalComma(";", ["3,5", "0.5"])).toBe(false);
    expect(readsDecimalComma(";", ["1.234", "2"])).toBe(false);
    // a group of three after the comma is a thousand in a US export: no evidence either way
    expect(readsDecimalComma("\t", ["1,200", "1,234", "999"])).toBe(false);
    expect(readsDecimalComma(";", ["101,205"])).toBe(false);
    expect(readsDecimalComma(";", ["1,234", "2,5"])).toBe(true);
  });
});

// The Import view's preview types each column as the import will: a user attribute's column and a
// file whose roles are not found yet included (the mapping editor shows them).
describe("the preview's column types, for decimal commas", () => {
  it("are the import's: an attribute column and an unmapped file alike", async () => {
    const dir = tmpDir("strata-preview-");
    const file = path.join(dir, "eu.csv");
    fs.writeFileSync(
      file,
      "distinct_id;event;timestamp;person.properties.ltv;amount\nu1;buy;2024-03-01T10:00:00Z;12,50;3\nu2;buy;2024-03-01T11:00:00Z;1.000,25;4,5\n",
    );
    const typeOf = (p: ImportPreview, name: string) => p.columns.find((c) => c.name === name)?.type;
    const mapped = await preview(file, { preset: "posthog" }, "UTC");
    expect([typeOf(mapped, "person.properties.ltv"), typeOf(mapped, "amount")]).toEqual(["number", "number"]);
    const ws = tempWorkspace();
    await ingest({ workspace: ws, files: [file], options: { preset: "posthog" }, columns: true });
    const db = new Database(ws, { readonly: true });
    try {
      const attributes = db.prepare("SELECT attributes FROM users ORDER BY id").pluck().all() as string[];
      expect(attributes.map((a) => JSON.parse(a).ltv)).toEqual([12.5, 1000.25]);
    } finally {
      db.close();
    }
    // no time column found: the preview still types the columns, the same way
    const unmapped = await preview(file, { time: "nope" }, "UTC");
    expect(unmapped.problems[0]).toMatch(/nope/);
    expect([typeOf(unmapped, "person.properties.ltv"), typeOf(unmapped, "amount")]).toEqual([
      "number",
      "number",
    ]);
  });
});
