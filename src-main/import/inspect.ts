import path from "node:path";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { ImportOptions, ImportPreview } from "../../src-preload/contract/methods/import.ts";
import { detectLayout, headerNames, type Layout, sampleRows } from "./detect.ts";
import {
  choosePreset,
  detectType,
  flatten,
  type Mapping,
  planMapping,
  propertyPrefixes,
  REVENUE_KEY,
  stripKey,
  TooDeepError,
} from "./mapping.ts";
import { columnGrouping, readsGrouping } from "./number-text.ts";
import { JsonArrayParser, type JsonRecord, NdjsonParser } from "./parsers/json.ts";
import { revenueText } from "./prop-json.ts";
import { openSource, type TextSource } from "./text-source.ts";

// Looks at the start of a file (at most 256 KB of text) and decides everything the import needs:
// the text source, the layout, the column names, and the mapping from a sample of rows.

export interface Inspection {
  source: TextSource;
  layout: Layout;
  columns: string[];
  /** sampled rows as values in column order (strings for delimited text) */
  sample: unknown[][];
  mapping: Mapping;
  problems: string[];
}

const SAMPLE_ROWS = 1000;

function jsonSample(head: string, layout: Layout): JsonRecord[] {
  const recs: JsonRecord[] = [];
  const sink = {
    row(r: JsonRecord) {
      if (recs.length < SAMPLE_ROWS) recs.push(r);
      else p.stop();
    },
    bad() {},
  };
  const p = layout.format === "ndjson" ? new NdjsonParser(sink) : new JsonArrayParser(sink);
  // for NDJSON the last line of the sample may be cut: leave it out, unless it is the only line (a
  // one-record file without a final newline)
  const cut = head.lastIndexOf("\n");
  p.push(layout.format === "ndjson" && cut >= 0 ? head.slice(0, cut + 1) : head);
  if (layout.format === "ndjson") p.end();
  return recs;
}

type Shape = Omit<Inspection, "mapping"> & { records: JsonRecord[] | null };

/** Column names (dot paths, in order of first appearance) and rows of flattened JSON records. */
function tabulate(records: JsonRecord[]): { columns: string[]; sample: unknown[][]; tooDeep: string | null } {
  const recs: Record<string, unknown>[] = [];
  let tooDeep: string | null = null;
  for (const r of records) {
    const flat: Record<string, unknown> = {};
    try {
      flatten(r, "", flat);
    } catch (e) {
      // left out of the sample; the import skips it by its line as too_deep
      if (!(e instanceof TooDeepError)) throw e;
      tooDeep ??= e.field;
      continue;
    }
    recs.push(flat);
  }
  const keys = new Set<string>();
  for (const r of recs) for (const k in r) keys.add(k);
  const columns = [...keys];
  return { columns, sample: recs.map((r) => columns.map((c) => r[c])), tooDeep };
}

/**
 * The mapping; for a layout that rewrites its JSON records (GA4's event_params), planned again on
 * the rewritten sample, so that the columns are the ones the import will meet.
 */
function plan(file: string, shape: Shape, opts: ImportOptions, tz: string): Mapping {
  const name = path.basename(file);
  const m = planMapping(name, shape.columns, shape.sample, opts, tz, shape.layout.delimiter);
  const reshape = m.preset.reshape;
  if (!reshape || shape.records === null) return m;
  const t = tabulate(shape.records.map(reshape));
  shape.columns = t.columns;
  shape.sample = t.sample;
  return planMapping(name, shape.columns, shape.sample, opts, tz, shape.layout.delimiter);
}

/** Everything but the mapping: source, layout, column names and sampled rows. */
async function inspectShape(file: string, opts: ImportOptions): Promise<Shape> {
  const { source, head, notText } = await openSource(file);
  if (notText)
    throw new StrataError(
      "bad_input",
      `${path.basename(file)} is not a text file: ${notText}. Strata imports CSV, TSV, JSON and NDJSON text (optionally gzip-compressed)`,
    );
  if (head.trim() === "") throw new StrataError("bad_input", `${path.basename(file)} is empty`);
  const layout = detectLayout(head, file, opts);
  const problems: string[] = [];
  let columns: string[];
  let sample: unknown[][];
  let records: JsonRecord[] | null = null;
  if (layout.delimiter === null) {
    records = jsonSample(head, layout);
    const table = tabulate(records);
    ({ columns, sample } = table);
    if (records.length === 0) problems.push("no JSON objects found at the start of the file");
    else if (sample.length === 0 && table.tooDeep !== null)
      throw new StrataError(
        "bad_input",
        `${path.basename(file)}: its records nest objects or arrays thousands of levels deep (field "${table.tooDeep}"), too deep to read; the file is damaged or not an event export`,
      );
  } else {
    const rows = sampleRows(head, layout.delimiter, SAMPLE_ROWS + 1).map((r) => r.fields);
    const width = rows[0]?.length ?? 0;
    if (opts.columns) columns = headerNames(opts.columns);
    else if (layout.header) columns = headerNames(rows[0] ?? []);
    else columns = Array.from({ length: width }, (_, i) => `column_${i + 1}`);
    if (layout.header) rows.shift();
    sample = rows;
    if (opts.columns && width !== opts.columns.length && rows.length > 0)
      problems.push(`--columns names ${opts.columns.length} columns but the rows have ${width}`);
  }
  if (source.encoding !== "utf-8") problems.push(`read as ${source.encoding}`);
  return { source, layout, columns, sample, problems, records };
}

export async function inspectFile(file: string, opts: ImportOptions, tz: string): Promise<Inspection> {
  const shape = await inspectShape(file, opts);
  const mapping = plan(file, shape, opts, tz);
  const { records: _, ...rest } = shape;
  return { ...rest, mapping };
}

/**
 * What the Import view shows before importing. A file whose roles cannot be found is still
 * previewed (columns, types, rows) with the reason among the problems, so the mapping editor can
 * fix it.
 */
export async function preview(file: string, opts: ImportOptions, tz: string): Promise<ImportPreview> {
  const shape = await inspectShape(file, opts);
  let mapping: Mapping | null = null;
  try {
    mapping = plan(file, shape, opts, tz);
  } catch (err) {
    if (!(err instanceof StrataError) || err.code !== "bad_input") throw err;
    shape.problems.unshift(err.message);
  }
  const fileGrouping = readsGrouping(shape.layout.delimiter, shape.sample) ? "fraction" : "none";
  const typeOf = (i: number): ImportPreview["columns"][number]["type"] => {
    if (mapping && i === mapping.timeCol) return "time";
    // a user attribute's column is typed as the import will type it, like an event property's
    const p = mapping?.props.find((x) => x.col === i) ?? mapping?.attrs.find((x) => x.col === i);
    const values = shape.sample.map((r) => r[i]);
    const t = p ? p.type : detectType(values, columnGrouping(shape.layout.delimiter, fileGrouping, values));
    if (t !== "auto") return t;
    const v = shape.sample.find((r) => r[i] !== undefined && r[i] !== null && r[i] !== "")?.[i];
    return typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "string";
  };
  const roleOf = (i: number): ImportPreview["columns"][number]["role"] => {
    const r = mapping?.roles[i];
    return r === "createdAt" ? "time" : r === undefined || r === "userAttr" ? "property" : r;
  };
  const col = (i: number | undefined) =>
    mapping && i !== undefined && i >= 0 ? (mapping.columns[i] ?? null) : null;
  const rows = shape.sample.slice(0, 20);
  const computed = revenueColumn(mapping, rows);
  const stored = storedNames(mapping, shape.columns, opts);
  return {
    path: shape.source.path,
    format: shape.layout.format,
    encoding: shape.source.encoding,
    gzip: shape.source.gzip,
    delimiter: shape.layout.delimiter === "whitespace" ? " " : shape.layout.delimiter,
    header: shape.layout.header,
    columns: shape.columns.map((name, i) => {
      const storedAs = stored[i] ?? name;
      const role = roleOf(i);
      return {
        name,
        type: typeOf(i),
        role,
        ...(role === "property" && storedAs !== name ? { storedAs } : {}),
      };
    }),
    ...(computed ? { computed: [computed] } : {}),
    rows: rows.map((r) =>
      shape.columns.map((_, i) => {
        const v = r[i];
        return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;
      }),
    ),
    mapping: {
      user: col(mapping?.userCols[0]),
      event: col(mapping?.eventCol),
      eventName: mapping?.eventName ?? null,
      time: col(mapping?.timeCol),
      preset: mapping?.preset.name ?? null,
    },
    problems: shape.problems,
  };
}

/**
 * The names the import stores the columns under: the mapping's key of each (a property's or a user
 * attribute's), else, when no mapping could be made, the property key planMapping would give it.
 */
function storedNames(mapping: Mapping | null, columns: string[], opts: ImportOptions): string[] {
  if (mapping) {
    const stored = [...columns];
    for (const p of [...mapping.props, ...mapping.attrs]) stored[p.col] = p.key;
    return stored;
  }
  const prefixes = propertyPrefixes(choosePreset(columns, opts));
  const keys = new Set(columns);
  return columns.map((name) => stripKey(name, prefixes, (k) => keys.has(k)));
}

/** The revenue the import derives for the sampled rows, by the function the import computes it with. */
function revenueColumn(
  mapping: Mapping | null,
  rows: unknown[][],
): NonNullable<ImportPreview["computed"]>[number] | null {
  const rev = mapping?.revenue;
  if (!mapping || !rev) return null;
  const quantity = mapping.columns[rev.q] ?? "";
  const price = mapping.columns[rev.p] ?? "";
  return {
    name: REVENUE_KEY,
    type: "number",
    from: [quantity, price],
    formula: `${quantity} × ${price}`,
    values: rows.map((r) => {
      const figure = revenueText(r[rev.q], r[rev.p], rev.grouping);
      // JSON text of a finite number; a row whose figure cannot be read gets no revenue
      return typeof figure === "string" ? Number(figure) : null;
    }),
  };
}
