// The delimited-text parser the import used before it read bytes (parsers/csv-bytes.ts), on
// decoded strings. It is kept as the oracle the byte parser is held to (parsers.test.ts): same
// records, same fields, same line numbers, on any text and any way of cutting it into chunks.
// Quotes follow RFC 4180 as Python's csv and Excel read them: only a quote that starts a field
// opens a quoted stretch; one inside a field (12" pizza) is text.

export type Delimiter = string | "whitespace";

export interface CsvSink {
  /** one record; `fields` may be reused by the next call, so copy what you keep */
  row(fields: string[], line: number): void;
  /** a record that cannot be split (an unterminated quote at the end of the file) */
  bad(reason: "unterminated_quote", line: number): void;
}

export class CsvParser {
  private readonly delim: string;
  private readonly whitespace: boolean;
  private readonly sink: CsvSink;
  private buf = "";
  private line = 1;
  private readonly fields: string[] = [];
  private stopped = false;

  constructor(delimiter: Delimiter, sink: CsvSink) {
    this.whitespace = delimiter === "whitespace";
    this.delim = this.whitespace ? " " : delimiter;
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
      // Everything before the line holding the next quoted field is split natively (String#split
      // is about twice as fast as an indexOf loop here); the quoted record takes the slow path.
      let q = this.whitespace ? -1 : buf.indexOf('"', pos);
      while (q !== -1 && !this.opens(buf, pos, q)) q = buf.indexOf('"', q + 1);
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
      if (line.endsWith("\r")) line = line.slice(0, -1);
      if (line.length > 0) {
        if (this.whitespace) {
          const t = line.trim();
          if (t.length > 0) sink.row(t.split(/[ \t]+/), this.line);
        } else sink.row(line.split(delim), this.line);
      }
      this.line++;
    }
  }

  /**
   * Whether the quote at q opens a quoted field: at the start of the text given (a record start)
   * or after a delimiter or line end; any other quote is text.
   */
  private opens(buf: string, start: number, q: number): boolean {
    if (q === start) return true;
    const before = buf[q - 1];
    return before === this.delim || before === "\n" || before === "\r";
  }

  /**
   * Parses one record from the start of the line holding a quoted field, a character at a time (a
   * state machine, unlike the byte parser's runs); returns where the next starts, or -1 for "need
   * more".
   */
  private quoted(buf: string, start: number, final: boolean): number {
    const fields = this.fields;
    const len = buf.length;
    fields.length = 0;
    let lines = 0;
    let field = "";
    // start: at a field's first character; quoted: inside quotes; closing: just after a quote
    // inside quotes (a closing quote, or the first of two); plain: elsewhere in a field
    let state: "start" | "plain" | "quoted" | "closing" = "start";
    for (let i = start; ; i++) {
      if (i >= len) {
        if (!final) return -1;
        if (state === "quoted") this.sink.bad("unterminated_quote", this.line);
        else {
          fields.push(field);
          this.sink.row(fields, this.line);
        }
        this.line += lines + 1;
        return len;
      }
      const c = buf[i];
      if (state === "quoted") {
        if (c === '"') state = "closing";
        else {
          if (c === "\n") lines++;
          field += c;
        }
        continue;
      }
      if (state === "closing") {
        if (c === '"') {
          field += '"';
          state = "quoted";
          continue;
        }
        // the text after a closing quote, up to the delimiter, is kept as it is ("ab"c is abc)
        state = "plain";
      }
      if (c === this.delim) {
        fields.push(field);
        field = "";
        state = "start";
        continue;
      }
      if (c === "\n" || c === "\r") {
        fields.push(field);
        if (c === "\r") {
          if (i + 1 >= len && !final) return -1;
          if (buf[i + 1] === "\n") i++;
        }
        this.sink.row(fields, this.line);
        this.line += lines + 1;
        return i + 1;
      }
      if (c === '"' && state === "start") state = "quoted";
      else {
        field += c;
        state = "plain";
      }
    }
  }
}
