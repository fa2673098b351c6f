import { neutralizeFormula } from "../../src-preload/contract/csv-formula.ts";

// RFC 4180 CSV for "Copy as CSV" and the chart downloads: quote when a cell holds a comma, quote, or
// line break. Every text cell, headers included, goes through the contract's formula
// neutralization, the one main's exports use: a pasted or opened cell such as ` =HYPERLINK(...)`
// must not run in a spreadsheet. Numbers are written as numbers.

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "string" ? neutralizeFormula(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(rows: CsvValue[][]): string {
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n");
}

/** What "Copy as CSV" puts on the clipboard: a header line of the column titles, then the rows. */
export function tableCsv<T>(
  columns: readonly { header: string; value: (row: T) => CsvValue }[],
  rows: readonly T[],
): string {
  const header = columns.map((column) => column.header);
  const body = rows.map((row) => columns.map((column) => column.value(row)));
  return toCsv([header, ...body]);
}
