// Formula neutralization for CSV (OWASP "CSV Injection"), one rule for every CSV Strata writes:
// main's exports (src-main/export/csv.ts) and the renderer's chart downloads and "Copy as CSV"
// (src-renderer/ui/csv.ts). Plain code with no imports, so both sides may load it.
//
// A spreadsheet runs a cell as a formula when it starts with `=`, `+`, `-` or `@`, and several skip
// leading spaces (including no-break spaces) and quote characters first: ` =1+1`, `"=1+1` and
// `'=1+1` run too. A cell that starts with a tab or CR is treated the same (importers strip them).
// Such a cell gets a leading apostrophe `'`, which spreadsheets show as text. Plain numbers
// ("-12.5", " +3") are left alone: they cannot run anything, and stay numbers.

const LEADING = /^[\s"']+/u;
const FORMULA_START = /^[=+\-@]/;
const CONTROL_START = /^[\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Whether a spreadsheet could run `value` as a formula. */
export function isFormulaLike(value: string): boolean {
  if (CONTROL_START.test(value)) return true;
  const bare = value.replace(LEADING, "").trimEnd();
  return FORMULA_START.test(bare) && !PLAIN_NUMBER.test(bare);
}

/** The cell text to write: `value` itself, or with a leading apostrophe when it could run. */
export function neutralizeFormula(value: string): string {
  return isFormulaLike(value) ? `'${value}` : value;
}
