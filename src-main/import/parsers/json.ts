// NDJSON (one object a line) and JSON arrays of objects (one, or several one after another), both
// streamed: an array is cut into its top-level elements by a scanner that tracks strings and
// nesting, so that one bad element is reported by its line and skipped instead of failing the whole
// file, and a huge array never has to be held as one string.

export type JsonRecord = Record<string, unknown>;

export interface JsonSink {
  row(record: JsonRecord, line: number): void;
  /** `byte`: for unterminated_json, the offset (in UTF-8 bytes of the text) where the cut record starts */
  bad(reason: "bad_json" | "unterminated_json", line: number, byte?: number): void;
}

function isRecord(v: unknown): v is JsonRecord {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** JSON.parse with the reviver's third argument (the value's source text), which Node 24 passes. */
const parseWithSource = JSON.parse as (
  text: string,
  reviver: (key: string, value: unknown, context?: { source?: string }) => unknown,
) => unknown;

const INTEGER = /^-?\d+$/;

/**
 * Integers a double cannot hold (19-digit ids such as REES46's category_id, GA4's event ids) are
 * kept as their digits, a string, as the CSV import keeps them: JSON.parse would round them.
 */
function keepLongIntegers(_key: string, value: unknown, context?: { source?: string }): unknown {
  const src = context?.source;
  return typeof value === "number" && !Number.isSafeInteger(value) && src !== undefined && INTEGER.test(src)
    ? src
    : value;
}

/** Sixteen digits in a row: the only texts that can hold such an integer (the reviver costs time). */
const LONG_DIGITS = /\d{16}/;

function parseOne(text: string, line: number, sink: JsonSink, cutAt = -1): void {
  let v: unknown;
  try {
    v = LONG_DIGITS.test(text) ? parseWithSource(text, keepLongIntegers) : JSON.parse(text);
  } catch {
    // the last line of a file that does not end with a newline, and does not parse: the file was cut
    if (cutAt >= 0) sink.bad("unterminated_json", line, cutAt);
    else sink.bad("bad_json", line);
    return;
  }
  if (isRecord(v)) sink.row(v, line);
  else sink.bad("bad_json", line);
}

export class NdjsonParser {
  private readonly sink: JsonSink;
  private tail = "";
  private line = 1;
  private stopped = false;
  /** UTF-8 bytes of the text before `tail` */
  private bytes = 0;

  constructor(sink: JsonSink) {
    this.sink = sink;
  }

  stop(): void {
    this.stopped = true;
  }

  /** The line the parser has reached (where a cut-off record starts). */
  lineNumber(): number {
    return this.line;
  }

  push(chunk: string): void {
    const text = this.tail + chunk;
    const last = text.lastIndexOf("\n");
    if (last === -1) {
      this.tail = text;
      return;
    }
    this.tail = text.slice(last + 1);
    const region = text.slice(0, last + 1);
    this.bytes += Buffer.byteLength(region, "utf8");
    this.lines(region.slice(0, last), false);
  }

  end(): void {
    if (this.tail.length > 0) this.lines(this.tail, true);
    this.tail = "";
  }

  private lines(region: string, last: boolean): void {
    for (const l of region.split("\n")) {
      if (this.stopped) return;
      const t = l.trim();
      if (t.length > 0) parseOne(t, this.line, this.sink, last ? this.bytes : -1);
      this.line++;
    }
  }
}

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const NL = 10;

export class JsonArrayParser {
  private readonly sink: JsonSink;
  private buf = "";
  private line = 1;
  /** 0 outside the top-level arrays, else the nesting depth inside one (1 = between elements) */
  private depth = 0;
  /** -1, or the nesting depth inside a value found outside the arrays (skipped as bad_json) */
  private strayDepth = -1;
  private inString = false;
  private escape = false;
  private elemStart = -1;
  private elemLine = 0;
  private scanned = 0;
  private stopped = false;
  /** UTF-8 bytes of the text dropped from the front of `buf` */
  private dropped = 0;

  constructor(sink: JsonSink) {
    this.sink = sink;
  }

  stop(): void {
    this.stopped = true;
  }

  /** The line the parser has reached (where a cut-off record starts). */
  lineNumber(): number {
    return this.line;
  }

  push(chunk: string): void {
    this.buf += chunk;
    this.scan();
  }

  end(): void {
    this.scan();
    if (!this.stopped && (this.elemStart >= 0 || this.depth > 0)) {
      const at = this.elemStart >= 0 ? this.elemStart : this.buf.length;
      this.sink.bad(
        "unterminated_json",
        this.elemLine || this.line,
        this.dropped + Buffer.byteLength(this.buf.slice(0, at), "utf8"),
      );
    }
  }

  private emit(endExclusive: number): void {
    const text = this.buf.slice(this.elemStart, endExclusive).trim();
    if (text.length > 0) parseOne(text, this.elemLine, this.sink);
    this.elemStart = -1;
  }

  /**
   * A character outside the top-level arrays. Whitespace is passed over, and a bracket opens an
   * array whose objects are records too (arrays written one after another, as appending to an
   * export does). Anything else starts a value that is not an array (a lone object, a stray comma or
   * bracket, text), skipped as bad_json at the line it starts on, and read only to find where it
   * ends: where it closes what it opened, else at the end of the line or an opening bracket.
   */
  private outside(code: number): void {
    if (this.strayDepth === 0 && (code === NL || code === OPEN_BRACKET)) this.strayDepth = -1;
    if (this.strayDepth < 0) {
      if (code <= 32) return;
      if (code === OPEN_BRACKET) {
        this.depth = 1;
        return;
      }
      this.sink.bad("bad_json", this.line);
      this.strayDepth = 0;
    }
    if (code === QUOTE) this.inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) this.strayDepth++;
    // a closer ends the value when it closes its last opener, or when nothing was open
    else if (code === CLOSE_BRACE || code === CLOSE_BRACKET)
      this.strayDepth = this.strayDepth > 1 ? this.strayDepth - 1 : -1;
  }

  private scan(): void {
    const text = this.buf;
    let i = this.scanned;
    for (; i < text.length && !this.stopped; i++) {
      const code = text.charCodeAt(i);
      if (code === NL) this.line++;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (code === BACKSLASH) this.escape = true;
        else if (code === QUOTE) this.inString = false;
        continue;
      }
      if (this.depth === 0) {
        this.outside(code);
        continue;
      }
      if (this.depth === 1) {
        if (code === COMMA || code === CLOSE_BRACKET) {
          if (this.elemStart >= 0) this.emit(i);
          // another array may follow, or text that is not one: both are read by outside()
          if (code === CLOSE_BRACKET) this.depth = 0;
          continue;
        }
        if (this.elemStart < 0 && code > 32) {
          this.elemStart = i;
          this.elemLine = this.line;
        }
      }
      if (code === QUOTE) this.inString = true;
      else if (code === OPEN_BRACE || code === OPEN_BRACKET) this.depth++;
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) this.depth--;
    }
    // keep only the element being read
    const keepFrom = this.elemStart >= 0 ? this.elemStart : i;
    if (keepFrom > 0)
      this.dropped += Buffer.byteLength(keepFrom === text.length ? text : text.slice(0, keepFrom), "utf8");
    this.buf = text.slice(keepFrom);
    if (this.elemStart >= 0) this.elemStart = 0;
    this.scanned = i - keepFrom;
  }
}
