// The delimited-text parser the import used before it read bytes (parsers/csv-bytes.ts), on
// decoded strings. It is kept as the oracle the byte parser is held to (parsers.test.ts): same
// records, same fields, same line numbers, on any text and any way of cutting it into chunks.

export type Delimiter = string | "whitespace";

export interface CsvSink {
  /** one record; `fields` may be reused by the next call, so copy what you keep */
  row(fields: string[], line: number): void;
  /** a record that cannot be split (an unterminated quote at the end of the file) */
  bad(reason: "unterminated_quote", line: number): void;
}

const NL = 10;
const CR = 13;
const QUOTE = 34;

export class CsvParser {
  private readonly delim: string;
  private readonly delimCode: number;
  private readonly whitespace: boolean;
  private readonly sink: CsvSink;
  private buf = "";
  private line = 1;
  private readonly fields: string[] = [];
  private stopped = false;

  constructor(delimiter: Delimiter, sink: CsvSink) {
    this.whitespace = delimiter === "whitespace";
    this.delim = this.whitespace ? " " : delimiter;
    this.delimCode = this.delim.charCodeAt(0);
    this.sink = sink;
  }

  /** Stops at the next record boundary (strict mode, cancel). */
  stop(): void {
    this.stopped = true;
  }

  /** The line the parser has reached (where a cut-off record starts). */
  lineNumber(): number {
    return this.line;
  }

  push(chunk: string): void {
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    this.run(false);
  }

  end(): void {
    this.run(true);
    this.buf = "";
  }

  private run(final: boolean): void {
    const buf = this.buf;
    const len = buf.length;
    let pos = 0;
    while (pos < len && !this.stopped) {
      // Everything before the line holding the next quote is split natively (String#split is
      // about twice as fast as an indexOf loop here); the quoted record takes the slow path.
      const q = this.whitespace ? -1 : buf.indexOf('"', pos);
      const limit = q === -1 ? len : q;
      const lastNl = limit > pos ? buf.lastIndexOf("\n", limit - 1) : -1;
      if (lastNl >= pos) {
        this.lines(buf.slice(pos, lastNl));
        pos = lastNl + 1;
        continue;
      }
      if (q === -1) {
        if (final && pos < len) this.lines(buf.slice(pos));
        if (final) pos = len;
        break;
      }
      const next = this.quoted(buf, pos, final);
      if (next === -1) break;
      pos = next;
    }
    this.buf = pos >= len ? "" : buf.slice(pos);
  }

  private lines(region: string): void {
    const sink = this.sink;
    const delim = this.delim;
    for (let line of region.split("\n")) {
      if (this.stopped) return;
      if (line.charCodeAt(line.length - 1) === CR) line = line.slice(0, -1);
      if (line.length > 0) {
        if (this.whitespace) {
          const t = line.trim();
          if (t.length > 0) sink.row(t.split(/[ \t]+/), this.line);
        } else sink.row(line.split(delim), this.line);
      }
      this.line++;
    }
  }

  /** Parses one record that holds a quote; returns where the next starts, or -1 for "need more". */
  private quoted(buf: string, start: number, final: boolean): number {
    const fields = this.fields;
    const len = buf.length;
    const dc = this.delimCode;
    fields.length = 0;
    let lines = 0;
    let i = start;
    let field = "";
    for (;;) {
      if (i >= len) {
        if (!final) return -1;
        fields.push(field);
        this.sink.row(fields, this.line);
        this.line += lines + 1;
        return len;
      }
      let c = buf.charCodeAt(i);
      if (c === QUOTE) {
        // a quoted field (or a stray quote inside an unquoted one, kept as text)
        i++;
        for (;;) {
          const q = buf.indexOf('"', i);
          if (q === -1) {
            if (!final) return -1;
            this.sink.bad("unterminated_quote", this.line);
            this.line += lines + 1;
            return len;
          }
          const part = buf.slice(i, q);
          for (let k = part.indexOf("\n"); k !== -1; k = part.indexOf("\n", k + 1)) lines++;
          field += part;
          if (q + 1 < len && buf.charCodeAt(q + 1) === QUOTE) {
            field += '"';
            i = q + 2;
            continue;
          }
          if (q + 1 >= len && !final) return -1;
          i = q + 1;
          break;
        }
        continue;
      }
      if (c === dc) {
        fields.push(field);
        field = "";
        i++;
        continue;
      }
      if (c === NL || c === CR) {
        fields.push(field);
        if (c === CR) {
          if (i + 1 >= len && !final) return -1;
          if (buf.charCodeAt(i + 1) === NL) i++;
        }
        this.sink.row(fields, this.line);
        this.line += lines + 1;
        return i + 1;
      }
      // unquoted run up to the next special character
      const runStart = i;
      while (i < len) {
        c = buf.charCodeAt(i);
        if (c === dc || c === NL || c === CR || c === QUOTE) break;
        i++;
      }
      field += buf.slice(runStart, i);
    }
  }
}
