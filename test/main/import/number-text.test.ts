import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { numberOf, readsDecimalComma } from "../../../src-main/import/number-text.ts";

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
