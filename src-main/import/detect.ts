import { StrataError } from "../../src-preload/contract/errors.ts";
import type { ImportOptions } from "../../src-preload/contract/methods/import.ts";
import { ByteCsvParser, type Delimiter, rowStrings } from "./parsers/csv-bytes.ts";

// What kind of text a file holds: JSON (array or one object a line) or delimited text, and then its
// delimiter and whether the first row names the columns. Options given by the user always win.

export type Format = "csv" | "tsv" | "ndjson" | "json";

export interface Layout {
  format: Format;
  /** null for JSON */
  delimiter: Delimiter | null;
  header: boolean;
}

const CANDIDATES = [",", "\t", ";", "|"];

export function parseDelimiterOption(d: string): Delimiter {
  const l = d.toLowerCase();
  if (d === "\\t" || l === "tab") return "\t";
  if (d === " " || l === "space" || l === "whitespace" || l === "ws") return "whitespace";
  if (d.length !== 1)
    throw new StrataError("invalid_request", `--delimiter must be one character (got "${d}")`);
  return d;
}

/** Counts a character outside double quotes, per line. */
function countsPerLine(lines: string[], ch: string): number[] {
  return lines.map((l) => {
    let n = 0;
    let q = false;
    for (let i = 0; i < l.length; i++) {
      const c = l[i];
      if (c === '"') q = !q;
      else if (c === ch && !q) n++;
    }
    return n;
  });
}

export function detectDelimiter(head: string): Delimiter {
  const lines = head
    .split("\n")
    .slice(0, 50)
    .map((l) => l.replace(/\r$/, ""))
    .filter((l) => l.trim().length > 0);
  // the last line of a sample may be cut short
  if (lines.length > 2) lines.pop();
  let best: Delimiter | null = null;
  let bestScore = 0;
  for (const ch of CANDIDATES) {
    const counts = countsPerLine(lines, ch);
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const same = counts.filter((c) => c === first).length / counts.length;
    const score = same * (same > 0.8 ? 1000 : 1) + first;
    if (score > bestScore) {
      best = ch;
      bestScore = score;
    }
  }
  if (best) return best;
  const tokens = lines.map((l) => l.trim().split(/[ \t]+/).length);
  if (tokens.length > 0 && (tokens[0] ?? 0) > 1 && tokens.every((t) => t === tokens[0])) return "whitespace";
  return ",";
}

const NUMBERISH = /^[-+]?(\d+([.,]\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const DATEISH = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/;

/** First rows of delimited text (quotes honoured), for sniffing and the preview. */
export function sampleRows(
  head: string,
  delimiter: Delimiter,
  max: number,
): { fields: string[]; line: number }[] {
  const rows: { fields: string[]; line: number }[] = [];
  // drop the possibly cut last line unless the whole file fits in the sample
  const cut = head.lastIndexOf("\n");
  const text = cut > 0 ? head.slice(0, cut + 1) : head;
  const p = new ByteCsvParser(delimiter, {
    row(r, line) {
      if (rows.length < max) rows.push({ fields: rowStrings(r), line });
      else p.stop();
    },
    bad() {},
  });
  p.push(Buffer.from(text, "utf8"));
  p.end();
  return rows;
}

const looksLikeValue = (cell: string) => NUMBERISH.test(cell) || DATEISH.test(cell);

/**
 * Whether the first row names the columns: none of its cells is a number or a date, and one at
 * least is not blank. A blank or repeated name is what tools write (pandas' unnamed index column, a
 * trailing delimiter, two columns of one name) but also what a row of text values holds, so such a
 * row is a header only when the rows below hold a number or a date somewhere.
 */
export function detectHeader(rows: string[][]): boolean {
  const first = rows[0];
  if (!first) return true;
  const names = first.map((cell) => cell.trim()).filter((cell) => cell !== "");
  if (names.length === 0 || names.some(looksLikeValue)) return false;
  if (names.length === first.length && new Set(names).size === names.length) return true;
  return rows.slice(1).some((row) => row.some((cell) => looksLikeValue(cell.trim())));
}

/**
 * Column names from a header row: a blank cell is `column_N` (N its 1-based position, as in a file
 * without a header) and a repeated name gets `_2`, `_3`... so that no value hides another; a
 * made-up name skips the names the row already holds.
 */
export function headerNames(cells: readonly string[]): string[] {
  const given = cells.map((cell) => cell.trim());
  const taken = new Set(given);
  const used = new Set<string>();
  return given.map((name, i) => {
    let chosen = name;
    if (name === "" || used.has(name)) {
      const base = name === "" ? `column_${i + 1}` : name;
      chosen = name === "" && !taken.has(base) ? base : `${base}_2`;
      for (let suffix = 3; taken.has(chosen); suffix++) chosen = `${base}_${suffix}`;
    }
    taken.add(chosen);
    used.add(chosen);
    return chosen;
  });
}

function jsonKind(head: string): Format | null {
  const t = head.trimStart();
  if (t.startsWith("[")) return "json";
  if (!t.startsWith("{")) return null;
  const firstLine = (t.split("\n")[0] ?? "").trim();
  try {
    JSON.parse(firstLine);
    return "ndjson";
  } catch {
    return "json";
  }
}

export function detectLayout(head: string, fileName: string, opts: ImportOptions): Layout {
  const name = fileName.toLowerCase().replace(/\.gz$/, "");
  let format: Format;
  if (opts.format && opts.format !== "auto") format = opts.format;
  else if (/\.(ndjson|jsonl)$/.test(name)) format = "ndjson";
  else if (name.endsWith(".json")) format = jsonKind(head) ?? "json";
  else if (name.endsWith(".tsv") || name.endsWith(".tab")) format = "tsv";
  else format = jsonKind(head) ?? "csv";
  if (format === "ndjson" || format === "json") return { format, delimiter: null, header: true };
  let delimiter: Delimiter;
  if (opts.delimiter !== undefined) delimiter = parseDelimiterOption(opts.delimiter);
  else if (format === "tsv") delimiter = "\t";
  else delimiter = detectDelimiter(head);
  const header =
    opts.header ??
    (opts.columns ? false : detectHeader(sampleRows(head, delimiter, 20).map((r) => r.fields)));
  return { format: delimiter === "\t" ? "tsv" : "csv", delimiter, header };
}
