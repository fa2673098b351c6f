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

/** One record with its CRLF; `verbatim[i]` marks cells that skip neutralization. */
export function csvRecord(cells: readonly string[], verbatim?: readonly boolean[]): string {
  let out = "";
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i] ?? outOfBounds();
    if (i > 0) out += ",";
    out += quoteField(verbatim?.[i] ? c : neutralizeFormula(c));
  }
  return `${out}\r\n`;
}

export const UTF8_BOM = "\uFEFF";
