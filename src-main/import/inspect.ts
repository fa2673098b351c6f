import path from "node:path";
import type { ImportOptions, ImportPreview } from "../../src-preload/contract/methods/import.ts";
import { detectLayout, type Layout, sampleRows } from "./detect.ts";
import { openSource, type TextSource } from "./encoding.ts";
import { flatten, type Mapping, planMapping } from "./mapping.ts";
import { JsonArrayParser, type JsonRecord, NdjsonParser } from "./parsers/json.ts";

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
  // for NDJSON the last line of the sample may be cut: leave it out
  p.push(layout.format === "ndjson" ? head.slice(0, head.lastIndexOf("\n") + 1) : head);
  if (layout.format === "ndjson") p.end();
  return recs;
}

export async function inspectFile(file: string, opts: ImportOptions, tz: string): Promise<Inspection> {
  const { source, head } = await openSource(file);
  const layout = detectLayout(head, file, opts);
  const problems: string[] = [];
  let columns: string[];
  let sample: unknown[][];
  if (layout.delimiter === null) {
    const recs = jsonSample(head, layout).map((r) => {
      const flat: Record<string, unknown> = {};
      flatten(r, "", flat);
      return flat;
    });
    const keys = new Set<string>();
    for (const r of recs) for (const k in r) keys.add(k);
    columns = [...keys];
    sample = recs.map((r) => columns.map((c) => r[c]));
    if (recs.length === 0) problems.push("no JSON objects found at the start of the file");
  } else {
    const rows = sampleRows(head, layout.delimiter, SAMPLE_ROWS + 1).map((r) => r.fields);
    const width = rows[0]?.length ?? 0;
    if (opts.columns) columns = opts.columns.slice();
    else if (layout.header) columns = (rows[0] ?? []).map((c, i) => c.trim() || `column_${i + 1}`);
    else columns = Array.from({ length: width }, (_, i) => `column_${i + 1}`);
    if (layout.header) rows.shift();
    sample = rows;
    if (opts.columns && width !== opts.columns.length && rows.length > 0)
      problems.push(`--columns names ${opts.columns.length} columns but the rows have ${width}`);
  }
  const mapping = planMapping(path.basename(file), columns, sample, opts, tz);
  if (source.encoding !== "utf-8") problems.push(`read as ${source.encoding}`);
  return { source, layout, columns, sample, mapping, problems };
}

export async function preview(file: string, opts: ImportOptions, tz: string): Promise<ImportPreview> {
  const ins = await inspectFile(file, opts, tz);
  const m = ins.mapping;
  const typeOf = (i: number): ImportPreview["columns"][number]["type"] => {
    if (i === m.timeCol) return "time";
    const p = m.props.find((x) => x.col === i);
    if (!p || p.type === "auto") {
      const v = ins.sample.find((r) => r[i] !== undefined && r[i] !== null && r[i] !== "")?.[i];
      return typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "string";
    }
    return p.type;
  };
  const roleOf = (i: number): ImportPreview["columns"][number]["role"] => {
    const r = m.roles[i];
    return r === "createdAt" ? "time" : r === undefined ? "property" : r;
  };
  return {
    path: ins.source.path,
    format: ins.layout.format,
    encoding: ins.source.encoding,
    gzip: ins.source.gzip,
    delimiter: ins.layout.delimiter === "whitespace" ? " " : ins.layout.delimiter,
    header: ins.layout.header,
    columns: ins.columns.map((name, i) => ({ name, type: typeOf(i), role: roleOf(i) })),
    rows: ins.sample.slice(0, 20).map((r) =>
      ins.columns.map((_, i) => {
        const v = r[i];
        return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null;
      }),
    ),
    mapping: {
      user: m.columns[m.userCols[0] as number] ?? null,
      event: m.eventCol >= 0 ? (m.columns[m.eventCol] ?? null) : null,
      eventName: m.eventName,
      time: m.timeCol >= 0 ? (m.columns[m.timeCol] ?? null) : null,
      preset: m.preset.name,
    },
    problems: ins.problems,
  };
}
