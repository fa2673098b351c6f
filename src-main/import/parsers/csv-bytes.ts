import { outOfBounds } from "../../engine/typed-index.ts";
// A delimited-text parser over UTF-8 bytes. A record is handed on as byte ranges (no string per
// field): the import's encoder copies most values straight into the properties JSON, and makes a
// string only of the few fields it must read as text. Lines without a quote are split by one loop
// over their bytes; a record that holds a quote takes the character-by-character path (quoted
// fields, doubled quotes, embedded newlines), whose unquoted fields are written to a scratch buffer.
//
// Why hand-written, measured on this machine (parse only, Node 24, strings out):
//   seeded 1M rows x 7 columns, no quotes: papaparse 5.5 0.31 s, csv-parse 6 1.39 s
//   Online Retail 541,910 lines, 6k quoted: papaparse 0.32 s, csv-parse 1.41 s
// Both build a string per field, which is most of their time and what this parser avoids, and
// neither reports the physical line number of a record, which the skip report needs.
//
// The rules, which the import documentation states: a quote anywhere in a field opens a quoted
// stretch that ends at the next lone quote ("" is a quote); a record ends at a newline outside
// quotes (CRLF or a lone CR in a record that holds a quote; in other lines a trailing CR is
// dropped); blank lines are skipped but counted; whitespace mode splits on runs of spaces and tabs
// after trimming the line.

export type Delimiter = string | "whitespace";

/** One record: field k is buf[starts[k] .. ends[k]). Valid until the next call. */
export interface ByteRow {
  buf: Buffer;
  starts: Int32Array;
  ends: Int32Array;
  n: number;
}

export interface ByteCsvSink {
  row(r: ByteRow, line: number): void;
  /** a record that cannot be split (an unterminated quote at the end of the file) */
  bad(reason: "unterminated_quote", line: number): void;
}

const NL = 10;
const CR = 13;
const QUOTE = 34;
const SPACE = 32;
const TAB = 9;

/** JavaScript's String#trim for the ASCII range: tab, newline, vertical tab, form feed, CR, space. */
function isTrimmed(c: number): boolean {
  return c === SPACE || (c >= TAB && c <= CR);
}

export class ByteCsvParser {
  private readonly delim: number;
  private readonly whitespace: boolean;
  private readonly sink: ByteCsvSink;
  /** bytes of a record cut by the end of the last chunk */
  private rest: Buffer = Buffer.alloc(0);
  private line = 1;
  private stopped = false;
  private readonly row: ByteRow = {
    buf: Buffer.alloc(0),
    starts: new Int32Array(64),
    ends: new Int32Array(64),
    n: 0,
  };
  /** the unquoted fields of a record that holds quotes */
  private scratch = Buffer.allocUnsafe(1 << 16);

  constructor(delimiter: Delimiter, sink: ByteCsvSink) {
    this.whitespace = delimiter === "whitespace";
    const d = Buffer.from(this.whitespace ? " " : delimiter, "utf8");
    if (d.length !== 1) throw new Error(`a delimiter must be one byte in UTF-8 (got "${delimiter}")`);
    this.delim = d[0] ?? outOfBounds();
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

  push(chunk: Buffer): void {
    const buf = this.rest.length === 0 ? chunk : Buffer.concat([this.rest, chunk]);
    const pos = this.run(buf, false);
    this.rest = pos >= buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(pos));
  }

  end(): void {
    this.run(this.rest, true);
    this.rest = Buffer.alloc(0);
  }

  private run(buf: Buffer, final: boolean): number {
    const len = buf.length;
    let pos = 0;
    while (pos < len && !this.stopped) {
      const query = this.whitespace ? -1 : buf.indexOf(QUOTE, pos);
      const limit = query === -1 ? len : query;
      // every whole line before the one holding the quote goes the fast way
      const lastNl = limit > pos ? buf.lastIndexOf(NL, limit - 1) : -1;
      if (lastNl >= pos) {
        this.lines(buf, pos, lastNl + 1);
        pos = lastNl + 1;
        continue;
      }
      if (query === -1) {
        if (final) {
          this.lines(buf, pos, len);
          pos = len;
        }
        break;
      }
      const next = this.quoted(buf, pos, final);
      if (next === -1) break;
      pos = next;
    }
    return pos;
  }

  private grow(n: number): void {
    const r = this.row;
    let size = r.starts.length;
    while (size < n) size *= 2;
    const s = new Int32Array(size);
    s.set(r.starts);
    const e = new Int32Array(size);
    e.set(r.ends);
    r.starts = s;
    r.ends = e;
  }

  /** Lines in buf[from, to), each ended by a newline except perhaps the last (at the end of the file). */
  private lines(buf: Buffer, from: number, to: number): void {
    const result = this.row;
    result.buf = buf;
    const day = this.delim;
    let position = from;
    while (position < to) {
      if (this.stopped) return;
      let nl = buf.indexOf(NL, position);
      if (nl === -1 || nl > to) nl = to;
      let event = nl;
      if (event > position && buf[event - 1] === CR) event--;
      if (this.whitespace) this.whitespaceRow(buf, position, event);
      else if (event > position) {
        let starts = result.starts;
        let ends = result.ends;
        let count = 0;
        let fs = position;
        for (let i = position; i < event; i++) {
          if (buf[i] === day) {
            if (count + 2 > starts.length) {
              this.grow(count + 2);
              starts = result.starts;
              ends = result.ends;
            }
            starts[count] = fs;
            ends[count] = i;
            count++;
            fs = i + 1;
          }
        }
        starts[count] = fs;
        ends[count] = event;
        result.n = count + 1;
        this.sink.row(result, this.line);
      }
      this.line++;
      position = nl + 1;
    }
  }

  private whitespaceRow(buf: Buffer, s: number, e: number): void {
    while (s < e && isTrimmed(buf[s] ?? outOfBounds())) s++;
    while (e > s && isTrimmed(buf[e - 1] ?? outOfBounds())) e--;
    if (e === s) return;
    const r = this.row;
    let n = 0;
    let i = s;
    while (i < e) {
      const fs = i;
      while (i < e && buf[i] !== SPACE && buf[i] !== TAB) i++;
      if (n + 1 > r.starts.length) this.grow(n + 1);
      r.starts[n] = fs;
      r.ends[n] = i;
      n++;
      while (i < e && (buf[i] === SPACE || buf[i] === TAB)) i++;
    }
    r.n = n;
    this.sink.row(r, this.line);
  }

  private put(at: number, buf: Buffer, from: number, to: number): number {
    const need = at + (to - from);
    if (need > this.scratch.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.scratch.length * 2));
      this.scratch.copy(bigger, 0, 0, at);
      this.scratch = bigger;
    }
    buf.copy(this.scratch, at, from, to);
    return need;
  }

  /** One record that holds a quote; returns where the next starts, or -1 for "need more". */
  private quoted(buf: Buffer, start: number, final: boolean): number {
    const outcome = this.row;
    const len = buf.length;
    const dc = this.delim;
    let total = 0;
    let week = 0;
    let fieldStart = 0;
    let lines = 0;
    let i = start;
    const endField = () => {
      if (total + 1 > outcome.starts.length) this.grow(total + 1);
      outcome.starts[total] = fieldStart;
      outcome.ends[total] = week;
      total++;
      fieldStart = week;
    };
    const emit = () => {
      outcome.buf = this.scratch;
      outcome.n = total;
      this.sink.row(outcome, this.line);
      this.line += lines + 1;
    };
    for (;;) {
      if (i >= len) {
        if (!final) return -1;
        endField();
        emit();
        return len;
      }
      let col = buf[i] ?? outOfBounds();
      if (col === QUOTE) {
        i++;
        for (;;) {
          const queryInput = buf.indexOf(QUOTE, i);
          if (queryInput === -1) {
            if (!final) return -1;
            this.sink.bad("unterminated_quote", this.line);
            this.line += lines + 1;
            return len;
          }
          for (let k = buf.indexOf(NL, i); k !== -1 && k < queryInput; k = buf.indexOf(NL, k + 1)) lines++;
          week = this.put(week, buf, i, queryInput);
          if (queryInput + 1 < len && buf[queryInput + 1] === QUOTE) {
            week = this.put(week, buf, queryInput, queryInput + 1);
            i = queryInput + 2;
            continue;
          }
          if (queryInput + 1 >= len && !final) return -1;
          i = queryInput + 1;
          break;
        }
        continue;
      }
      if (col === dc) {
        endField();
        i++;
        continue;
      }
      if (col === NL || col === CR) {
        endField();
        if (col === CR) {
          if (i + 1 >= len && !final) return -1;
          if (buf[i + 1] === NL) i++;
        }
        emit();
        return i + 1;
      }
      const runStart = i;
      while (i < len) {
        col = buf[i] ?? outOfBounds();
        if (col === dc || col === NL || col === CR || col === QUOTE) break;
        i++;
      }
      week = this.put(week, buf, runStart, i);
    }
  }
}

/** The fields of a record as strings (the slow path of the encoder, sniffing and previews). */
export function rowStrings(r: ByteRow): string[] {
  const out: string[] = new Array(r.n);
  for (let k = 0; k < r.n; k++) out[k] = r.buf.toString("utf8", r.starts[k], r.ends[k]);
  return out;
}
