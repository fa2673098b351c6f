import { outOfBounds } from "../engine/typed-index.ts";

// RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field quoted when it holds a
// comma, a double quote, CR or LF (or starts/ends with a space, which some importers trim), with
// inner quotes doubled.
//
// Formula neutralization (OWASP "CSV Injection"): a spreadsheet runs a cell that starts with
// `=`, `+`, `-`, `@`, tab or CR as a formula. Such a cell gets a leading apostrophe `'`, which
// spreadsheets show as text. Plain numbers ("-5", "+3.2") are left alone: they cannot run anything.
// Validated identifiers that legitimately start with "+" (E.164 phones) are written verbatim by the
// presets, never through `neutralize`.

const NEEDS_QUOTES = /[",\r\n]|^ | $/;
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function neutralize(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

export function quoteField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record with its CRLF; `verbatim[i]` marks cells that skip neutralization. */
export function csvRecord(cells: readonly string[], verbatim?: readonly boolean[]): string {
  let out = "";
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i] ?? outOfBounds();
    if (i > 0) out += ",";
    out += quoteField(verbatim?.[i] ? c : neutralize(c));
  }
  return `${out}\r\n`;
}

export const UTF8_BOM = "\uFEFF";
