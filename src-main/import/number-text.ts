// Which text is a number. One grammar serves the type of a column (decided from the sampled rows),
// the conversion of its cells (every row, the ones after the sample too) and user attributes, so a
// cell is read the same wherever it stands: JavaScript's unary plus also reads "0x1F", "Infinity",
// " " (as 0) and "007", and wrote `{"n":Infinity}`, which is not JSON.

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/;
const NUMBER_LEADING_DOT = /^-?\.\d+$/;
const INTEGER = /^-?\d+$/;

/**
 * The number `text` spells as written (decimal digits, an optional fraction and exponent), or null:
 * a leading zero (a zip code) or an integer past 2^53 (a 19-digit id) would lose digits, and a
 * figure beyond a double's range (1e999) has no JSON form; such text stays text.
 */
export function numberOf(text: string): number | null {
  if (!NUMBER.test(text) && !NUMBER_LEADING_DOT.test(text)) return null;
  const n = Number(text);
  if (!Number.isFinite(n)) return null;
  if (text.length >= 16 && INTEGER.test(text) && !Number.isSafeInteger(n)) return null;
  return n;
}
