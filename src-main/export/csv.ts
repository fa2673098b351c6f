import { neutralizeFormula } from "../../src-preload/contract/csv-formula.ts";
import { outOfBounds } from "../engine/typed-index.ts";

// RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field quoted when it holds a
// comma, a double quote, CR or LF (or starts/ends with a space, which some importers trim), with
// inner quotes doubled.
//
// Formula neutralization (OWASP "CSV Injection") is the contract's neutralizeFormula, shared with
// the renderer's CSV downloads; it applies to every cell, header cells included. Validated
// identifiers that legitimately start with "+" (E.164 phones) are written verbatim by the presets,
// never through it.

const NEEDS_QUOTES = /[",\r\n]|^ | $/;

export function quoteField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The cells as the file holds them (after formula neutralization, before quoting); `verbatim[i]`
 * marks cells that skip neutralization. The export preview shows exactly these, so it cannot show
 * a cell the file holds differently.
 */
export function csvCells(cells: readonly string[], verbatim?: readonly boolean[]): string[] {
  return cells.map((c, i) => (verbatim?.[i] ? c : neutralizeFormula(c)));
}

/** Cells already through csvCells, quoted and joined into one record with its CRLF. */
export function csvLine(written: readonly string[]): string {
  let out = "";
  for (let i = 0; i < written.length; i++) {
    if (i > 0) out += ",";
    out += quoteField(written[i] ?? outOfBounds());
  }
  return `${out}\r\n`;
}

/** One record with its CRLF; `verbatim[i]` marks cells that skip neutralization. */
export function csvRecord(cells: readonly string[], verbatim?: readonly boolean[]): string {
  return csvLine(csvCells(cells, verbatim));
}

export const UTF8_BOM = "\uFEFF";
