import { outOfBounds } from "../engine/typed-index.ts";
import { inEventWindow } from "../time/bounds.ts";
import type { Mapping } from "./mapping.ts";
import { type ByteRow, rowStrings } from "./parsers/csv-bytes.ts";
import type { PipeWriter } from "./pipe-writer.ts";
import {
  type Col,
  KIND_BOOLEAN,
  KIND_NUMBER,
  KIND_STRING,
  type RowEncoder,
  revenueText,
} from "./row-encoder.ts";
import { type DetectedTime, fixedIsoZBytes } from "./time-parse.ts";

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
  private fast(result: ByteRow): boolean {
    const mapping = this.m;
    // user attributes from event rows are gathered by RowEncoder
    if (
      result.n !== mapping.columns.length ||
      mapping.kind !== "events" ||
      this.fixedEvent === -2 ||
      mapping.attrs.length > 0
    )
      return false;
    const buffer = result.buf;
    const int32Array = result.starts;
    const theInt32Array = result.ends;
    if (mapping.identity !== null && !this.link(result)) return false;

    let us = -1;
    let ue = -1;
    for (const col of mapping.userCols) {
      const s = int32Array[col] ?? outOfBounds();
      const event = theInt32Array[col] ?? outOfBounds();
      if (s === event) continue;
      if (!plainUserId(buffer, s, event)) return false;
      us = s;
      ue = event;
      break;
    }
    if (us < 0) return false;

    let es = 0;
    let ee = 0;
    if (mapping.eventName === null) {
      es = int32Array[mapping.eventCol] ?? outOfBounds();
      ee = theInt32Array[mapping.eventCol] ?? outOfBounds();
      if (es === ee || (buffer[es] ?? outOfBounds()) <= 32 || (buffer[ee - 1] ?? outOfBounds()) <= 32)
        return false;
    }

    const ts = int32Array[mapping.timeCol] ?? outOfBounds();
    const te = theInt32Array[mapping.timeCol] ?? outOfBounds();
    let time = this.isoTimes && te - ts === 24 ? fixedIsoZBytes(buffer, ts) : Number.NaN;
    if (Number.isNaN(time)) time = (mapping.time as DetectedTime).parser(buffer.toString("utf8", ts, te));
    // NaN and out-of-window times go the general way, which reports them
    if (!inEventWindow(time)) return false;

    const np = this.props(result);
    if (np < 0) return false;

    // the name is coded only now, for a row that is added (as RowEncoder does)
    let eid: number;
    if (mapping.eventName === null) eid = this.w.eventIdOfBytes(buffer, es, ee);
    else {
      if (this.fixedEvent < 0) this.fixedEvent = this.w.eventId(mapping.eventName);
      eid = this.fixedEvent;
    }
    this.w.row(this.w.userOfBytes(buffer, us, ue), eid, time);
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
  private props(outcome: ByteRow): number {
    const theBuffer = outcome.buf;
    const S = outcome.starts;
    const E = outcome.ends;
    const pipeWriter = this.w;
    const cols = this.cols;
    // a bound on what this row can write: every value quoted, every key, a revenue figure
    pipeWriter.reserve(
      (E[outcome.n - 1] ?? outOfBounds()) - (S[0] ?? outOfBounds()) + 2 * outcome.n + this.keysBytes + 40,
    );
    const out = pipeWriter.out;
    let o = pipeWriter.outPos;
    let np = 0;
    for (let i = 0; i < cols.length; i++) {
      const theCol = cols[i] ?? outOfBounds();
      let kind: number;
      const key = this.keys[i] ?? outOfBounds();
      if (theCol.col < 0) {
        const rev = this.m.revenue as { q: number; p: number };
        const timestamp = revenueText(
          theBuffer.toString("utf8", S[rev.q], E[rev.q]),
          theBuffer.toString("utf8", S[rev.p], E[rev.p]),
        );
        if (timestamp === null) continue;
        o = writeKey(out, o, key, np);
        o += out.write(timestamp, o, "latin1");
        kind = KIND_NUMBER;
      } else {
        const s = S[theCol.col] ?? outOfBounds();
        const eventIndex = E[theCol.col] ?? outOfBounds();
        if (s === eventIndex) continue;
        if (theCol.type === "number") {
          if (!jsonNumber(theBuffer, s, eventIndex)) return -1;
          o = writeKey(out, o, key, np);
          o = copy(out, o, theBuffer, s, eventIndex);
          kind = KIND_NUMBER;
        } else {
          const bool = theCol.type === "boolean" ? booleanValue(theBuffer, s, eventIndex) : -1;
          if (bool >= 0) {
            o = writeKey(out, o, key, np);
            o = copy(out, o, bool === 1 ? TRUE : FALSE, 0, bool === 1 ? 4 : 5);
            kind = KIND_BOOLEAN;
          } else {
            // copied inside quotes when JSON needs no escape in it (non-ASCII UTF-8 is valid JSON)
            for (let k = s; k < eventIndex; k++) {
              const ch = theBuffer[k] ?? outOfBounds();
              if (ch < 32 || ch === QUOTE || ch === BACKSLASH) return -1;
            }
            o = writeKey(out, o, key, np);
            out[o++] = QUOTE;
            o = copy(out, o, theBuffer, s, eventIndex);
            out[o++] = QUOTE;
            kind = KIND_STRING;
          }
        }
      }
      this.present[np] = i;
      this.kinds[np] = kind;
      np++;
    }
    if (np > 0) out[o++] = CLOSE;
    pipeWriter.outPos = o;
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
