import { outOfBounds } from "../engine/typed-index.ts";
import { inEventWindow } from "../time/bounds.ts";
import { fixedIsoZBytes } from "./fixed-iso-z.ts";
import type { Mapping } from "./mapping.ts";
import { type ByteRow, rowStrings } from "./parsers/csv-bytes.ts";
import type { PipeWriter } from "./pipe-writer.ts";
import { type Col, KIND_BOOLEAN, KIND_NUMBER, KIND_STRING, revenueText, UNREADABLE } from "./prop-json.ts";
import type { RowEncoder } from "./row-encoder.ts";
import type { DetectedTime } from "./time-parse.ts";

// The per-row work of a delimited file imported on two threads, on the file's bytes: the user id
// is looked up by its bytes, the event name compared by bytes, property values copied into the
// properties JSON as they are, and times of the usual ISO layout read from their bytes. Whatever this cannot do the
// way RowEncoder does it byte for byte (a value to trim, escape or convert, a row to skip) is
// handed to RowEncoder as strings, so the two paths cannot differ (a property test holds them to
// it); for the seeded 1M-row file, that is no row at all.

const QUOTE = 34;
const BACKSLASH = 92;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const OPEN = 123;
const CLOSE = 125;
const COMMA = 44;

const TRUE = Buffer.from("true");
const FALSE = Buffer.from("false");

/** RowEncoder's JSON_NUMBER, /^-?(0|[1-9]\d{0,14})(\.\d+)?$/, on bytes. */
function jsonNumber(b: Buffer, s: number, e: number): boolean {
  let i = s;
  if (b[i] === MINUS) i++;
  if (i >= e) return false;
  const c = b[i] ?? outOfBounds();
  if (c === ZERO) i++;
  else if (c > ZERO && c <= NINE) {
    const end = Math.min(e, i + 15);
    i++;
    while (i < end && (b[i] ?? outOfBounds()) >= ZERO && (b[i] ?? outOfBounds()) <= NINE) i++;
  } else return false;
  if (i < e && b[i] === DOT) {
    i++;
    if (i >= e) return false;
    while (i < e && (b[i] ?? outOfBounds()) >= ZERO && (b[i] ?? outOfBounds()) <= NINE) i++;
    return i === e;
  }
  return i === e;
}

function hasDot(b: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (b[i] === DOT) return true;
  return false;
}

/** "true", "false", "TRUE" or "FALSE": 1 for true, 0 for false, -1 for anything else. */
function booleanValue(b: Buffer, s: number, e: number): number {
  const len = e - s;
  if (len !== 4 && len !== 5) return -1;
  const want = len === 4 ? TRUE : FALSE;
  const upper = (b[s] ?? outOfBounds()) < 97;
  for (let i = 0; i < len; i++) {
    const c = b[s + i] ?? outOfBounds();
    if (c !== (upper ? (want[i] ?? outOfBounds()) - 32 : want[i])) return -1;
  }
  return len === 4 ? 1 : 0;
}

/** A user id RowEncoder would use as it is: nothing to trim, not an integer written as "17850.0". */
function plainUserId(b: Buffer, s: number, e: number): boolean {
  const first = b[s] ?? outOfBounds();
  const last = b[e - 1] ?? outOfBounds();
  if (first <= 32 || last <= 32) return false;
  return last !== ZERO || b.indexOf(DOT, s) === -1 || b.indexOf(DOT, s) >= e;
}

export class ByteRowEncoder {
  private readonly m: Mapping;
  private readonly w: PipeWriter;
  private readonly enc: RowEncoder;
  private readonly cols: Col[];
  /** per property: its key as `,"key":` in UTF-8 (the first one of a row gets `{` for the comma) */
  private readonly keys: Buffer[];
  private readonly keysBytes: number;
  /** the code of --event-name, known after the first row (-1 before; -2: no name, every row is slow) */
  private fixedEvent: number;
  /** times are ISO 8601: the usual layout is read from the bytes (as isoParser reads it first) */
  private readonly isoTimes: boolean;
  private readonly present: number[] = [];
  private readonly kinds: number[] = [];

  constructor(m: Mapping, w: PipeWriter, enc: RowEncoder) {
    this.m = m;
    this.w = w;
    this.enc = enc;
    this.cols = enc.cols;
    this.keys = this.cols.map((c) => Buffer.from(`,${c.jsonKey}`, "utf8"));
    this.keysBytes = this.keys.reduce((n, k) => n + k.length, 0);
    this.fixedEvent = m.eventName === "" ? -2 : -1;
    this.isoTimes = m.time?.format === "iso";
  }

  /** One record of a delimited file (header excluded). */
  row(r: ByteRow, line: number): void {
    // the row as strings, through RowEncoder (which counts it and reports it if it is skipped)
    if (!this.fast(r)) this.enc.fields(rowStrings(r), line);
  }

  /** Adds the row the way RowEncoder would; false (nothing done) when it must decide. */
  private fast(row: ByteRow): boolean {
    const mapping = this.m;
    // user attributes from event rows are gathered by RowEncoder
    if (
      row.n !== mapping.columns.length ||
      mapping.kind !== "events" ||
      this.fixedEvent === -2 ||
      mapping.attrs.length > 0
    )
      return false;
    const bytes = row.buf;
    const starts = row.starts;
    const ends = row.ends;
    if (mapping.identity !== null && !this.link(row)) return false;

    let us = -1;
    let ue = -1;
    for (const col of mapping.userCols) {
      const start = starts[col] ?? outOfBounds();
      const end = ends[col] ?? outOfBounds();
      if (start === end) continue;
      if (!plainUserId(bytes, start, end)) return false;
      us = start;
      ue = end;
      break;
    }
    if (us < 0) return false;

    let es = 0;
    let ee = 0;
    if (mapping.eventName === null) {
      es = starts[mapping.eventCol] ?? outOfBounds();
      ee = ends[mapping.eventCol] ?? outOfBounds();
      if (es === ee || (bytes[es] ?? outOfBounds()) <= 32 || (bytes[ee - 1] ?? outOfBounds()) <= 32)
        return false;
    }

    const ts = starts[mapping.timeCol] ?? outOfBounds();
    const te = ends[mapping.timeCol] ?? outOfBounds();
    let time = this.isoTimes && te - ts === 24 ? fixedIsoZBytes(bytes, ts) : Number.NaN;
    if (Number.isNaN(time)) time = (mapping.time as DetectedTime).parser(bytes.toString("utf8", ts, te));
    // NaN and out-of-window times go the general way, which reports them
    if (!inEventWindow(time)) return false;

    const np = this.props(row);
    if (np < 0) return false;

    // the name is coded only now, for a row that is added (as RowEncoder does)
    let eid: number;
    if (mapping.eventName === null) eid = this.w.eventIdOfBytes(bytes, es, ee);
    else {
      if (this.fixedEvent < 0) this.fixedEvent = this.w.eventId(mapping.eventName);
      eid = this.fixedEvent;
    }
    this.w.rowOfUserBytes(bytes, us, ue, eid, time);
    this.enc.rows++;
    this.enc.count(eid, this.present, this.kinds, np);
    return true;
  }

  /**
   * Records the row's identity link as RowEncoder.link would (the first non-empty id of each side);
   * false when an id needs RowEncoder's normalizing.
   */
  private link(r: ByteRow): boolean {
    const id = this.m.identity as NonNullable<Mapping["identity"]>;
    const b = r.buf;
    const a = firstId(r, id.anon);
    if (a === null) return false;
    if (a < 0) return true;
    const i = firstId(r, id.ident);
    if (i === null) return false;
    if (i < 0) return true;
    const as = r.starts[a] ?? outOfBounds();
    const ae = r.ends[a] ?? outOfBounds();
    const is = r.starts[i] ?? outOfBounds();
    const ie = r.ends[i] ?? outOfBounds();
    if (ae - as === ie - is && b.compare(b, is, ie, as, ae) === 0) return true;
    this.enc.addLink(b.toString("utf8", as, ae), b.toString("utf8", is, ie));
    return true;
  }

  /**
   * Writes the row's properties JSON at the writer's outPos and moves it on; returns how many
   * properties were set, or -1 (nothing moved) when a value needs RowEncoder.
   */
  private props(row: ByteRow): number {
    const bytes = row.buf;
    const starts = row.starts;
    const ends = row.ends;
    const writer = this.w;
    const cols = this.cols;
    // a bound on what this row can write: every value quoted, every key, a revenue figure
    writer.reserve(
      (ends[row.n - 1] ?? outOfBounds()) - (starts[0] ?? outOfBounds()) + 2 * row.n + this.keysBytes + 40,
    );
    const out = writer.out;
    let outPos = writer.outPos;
    let np = 0;
    for (let i = 0; i < cols.length; i++) {
      const prop = cols[i] ?? outOfBounds();
      let kind: number;
      const key = this.keys[i] ?? outOfBounds();
      if (prop.col < 0) {
        const rev = this.m.revenue as NonNullable<Mapping["revenue"]>;
        const figure = revenueText(
          bytes.toString("utf8", starts[rev.q], ends[rev.q]),
          bytes.toString("utf8", starts[rev.p], ends[rev.p]),
          rev.grouping,
        );
        // RowEncoder counts the row's lost revenue by its line
        if (figure === UNREADABLE) return -1;
        if (figure === null) continue;
        outPos = writeKey(out, outPos, key, np);
        outPos += out.write(figure, outPos, "latin1");
        kind = KIND_NUMBER;
      } else {
        const start = starts[prop.col] ?? outOfBounds();
        const end = ends[prop.col] ?? outOfBounds();
        if (start === end) continue;
        if (prop.type === "number") {
          if (!jsonNumber(bytes, start, end)) return -1;
          // under decimal commas `1.000` is a thousand: RowEncoder reads it (numberOf)
          if (prop.grouping === "decimalComma" && hasDot(bytes, start, end)) return -1;
          outPos = writeKey(out, outPos, key, np);
          outPos = copy(out, outPos, bytes, start, end);
          kind = KIND_NUMBER;
        } else {
          const bool = prop.type === "boolean" ? booleanValue(bytes, start, end) : -1;
          if (bool >= 0) {
            outPos = writeKey(out, outPos, key, np);
            outPos = copy(out, outPos, bool === 1 ? TRUE : FALSE, 0, bool === 1 ? 4 : 5);
            kind = KIND_BOOLEAN;
          } else {
            // copied inside quotes when JSON needs no escape in it (non-ASCII UTF-8 is valid JSON)
            for (let k = start; k < end; k++) {
              const ch = bytes[k] ?? outOfBounds();
              if (ch < 32 || ch === QUOTE || ch === BACKSLASH) return -1;
            }
            outPos = writeKey(out, outPos, key, np);
            out[outPos++] = QUOTE;
            outPos = copy(out, outPos, bytes, start, end);
            out[outPos++] = QUOTE;
            kind = KIND_STRING;
          }
        }
      }
      this.present[np] = i;
      this.kinds[np] = kind;
      np++;
    }
    if (np > 0) out[outPos++] = CLOSE;
    writer.outPos = outPos;
    return np;
  }
}

/** The first of `cols` that is not empty: its column, -1 for none, null when it is not a plain id. */
function firstId(r: ByteRow, cols: readonly number[]): number | null {
  for (const c of cols) {
    const s = r.starts[c] ?? outOfBounds();
    const e = r.ends[c] ?? outOfBounds();
    if (s === e) continue;
    return plainUserId(r.buf, s, e) ? c : null;
  }
  return -1;
}

function writeKey(out: Buffer, o: number, key: Buffer, np: number): number {
  const at = copy(out, o, key, 0, key.length);
  out[o] = np === 0 ? OPEN : COMMA;
  return at;
}

function copy(out: Buffer, o: number, from: Buffer, s: number, e: number): number {
  // a loop beats Buffer#copy's call for the short values most fields hold
  if (e - s > 48) return o + from.copy(out, o, s, e);
  for (let k = s; k < e; k++) out[o++] = from[k] ?? outOfBounds();
  return o;
}
