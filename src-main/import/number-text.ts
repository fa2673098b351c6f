// Which text is a number. One grammar serves the type of a column (decided from the sampled rows),
// the conversion of its cells (every row, the ones after the sample too), user attributes and the
// revenue figure, so a cell is read the same wherever it stands: JavaScript's unary plus also reads
// "0x1F", "Infinity", " " (as 0) and "007", and wrote `{"n":Infinity}`, which is not JSON.

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/;
const NUMBER_LEADING_DOT = /^-?\.\d+$/;
const INTEGER = /^-?\d+$/;
const GROUPED = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
const GROUPED_FRACTION = /^-?\d{1,3}(,\d{3})+\.\d+$/;
const DECIMAL_COMMA = /^-?\d+(\.\d{3})*,\d+$/;
/** `1.234,56`, `3,5`, `1.234`, `12`: dots between groups of three digits, one comma before the fraction */
const COMMA_DECIMAL_FIGURE = /^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;
/** `3.5`, `0.25`: a point before a fraction, which a thousands group (`1.234`) is not */
const POINT_FRACTION = /^-?\d+\.\d+$/;
const DOT_GROUPED = /^-?\d{1,3}(\.\d{3})+$/;
const COMMA_GROUPED = /^-?\d{1,3}(,\d{3})+$/;

/**
 * Where thousands separators (`1,299.00`) are read: nowhere; only in a figure with a fraction,
 * which no list of integers (`"200,304"`) is; or in any figure (`1,200`), for a column known to
 * hold amounts (the quantity and price of the transactions preset). "decimalComma": the column
 * writes figures the European way (`1.234,56`), as Excel does in `;`-delimited files.
 */
export type Grouping = "none" | "fraction" | "any" | "decimalComma";

/**
 * The number `text` spells as written (decimal digits, an optional fraction and exponent, commas
 * between groups of three digits where `grouping` allows), or null: a leading zero (a zip code) or
 * an integer past 2^53 (a 19-digit id) would lose digits, and a figure beyond a double's range
 * (1e999) has no JSON form; such text stays text.
 */
export function numberOf(text: string, grouping: Grouping): number | null {
  if (grouping === "decimalComma") {
    if (!COMMA_DECIMAL_FIGURE.test(text)) return null;
    return numberOf(text.replaceAll(".", "").replace(",", "."), "none");
  }
  const grouped = grouping !== "none" && (grouping === "any" ? GROUPED : GROUPED_FRACTION).test(text);
  const digits = grouped ? text.replaceAll(",", "") : text;
  if (!NUMBER.test(digits) && !NUMBER_LEADING_DOT.test(digits)) return null;
  const n = Number(digits);
  if (!Number.isFinite(n)) return null;
  if (digits.length >= 16 && INTEGER.test(digits) && !Number.isSafeInteger(n)) return null;
  return n;
}

/**
 * Whether a file's numbers may carry thousands separators: only in comma-delimited text, where a
 * value holding a comma had to be quoted on purpose, and only when no sampled value writes a
 * decimal comma (`3,50`, `1.234,00`), which would make `1,234` mean 1.234. Elsewhere (`;`-delimited
 * files are where decimal commas live) such values stay text.
 */
export function readsGrouping(delimiter: string | null, sample: readonly (readonly unknown[])[]): boolean {
  if (delimiter !== ",") return false;
  return !sample.some((row) =>
    row.some((v) => typeof v === "string" && DECIMAL_COMMA.test(v) && !GROUPED.test(v)),
  );
}

/**
 * Whether a column of a file that is not comma-delimited writes decimal commas: some sampled value
 * has a comma before a fraction that is no group of three digits (`3,50`, `1.234,00`, not `1,234`,
 * a thousand in a US export) and none a point before one (`3.5`), which would make `1.234` mean
 * 1.234 rather than 1234. Comma-delimited files keep the point (readsGrouping).
 */
export function readsDecimalComma(delimiter: string | null, values: readonly unknown[]): boolean {
  if (delimiter === null || delimiter === ",") return false;
  const texts = values.filter((v): v is string => typeof v === "string");
  // `1,234` (and `101,205`) reads as a thousand and more in a US export too: no evidence either way
  return (
    texts.some((v) => DECIMAL_COMMA.test(v) && !COMMA_GROUPED.test(v)) &&
    !texts.some((v) => POINT_FRACTION.test(v) && !DOT_GROUPED.test(v))
  );
}

/**
 * How a column reads its figures: decimal commas where its sampled `values` write them
 * (readsDecimalComma), else `otherwise`, the file's rule for thousands separators (readsGrouping:
 * "fraction" for any column, "any" for an amount, "none" where the file reads none). The import,
 * its revenue columns and its preview all ask here.
 */
export function columnGrouping(
  delimiter: string | null,
  otherwise: Exclude<Grouping, "decimalComma">,
  values: readonly unknown[],
): Grouping {
  return readsDecimalComma(delimiter, values) ? "decimalComma" : otherwise;
}
