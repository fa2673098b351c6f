import type Database from "better-sqlite3";
import { statement } from "../../db/sql.ts";
import { type PropColumn, TAG_BOOL, TAG_NUMBER, TAG_STRING } from "./types.ts";

// Property columns are read from SQLite on first use; names SQLite's path syntax cannot quote fall
// back to parsing each properties object in JS.

class ColumnBuilder {
  readonly tag: Uint8Array;
  readonly num: Float64Array;
  readonly str: Int32Array;
  readonly dict: string[] = [];
  private readonly codes = new Map<string, number>();
  constructor(n: number) {
    this.tag = new Uint8Array(n);
    this.num = new Float64Array(n);
    this.str = new Int32Array(n);
  }
  set(i: number, v: unknown): void {
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return;
      this.tag[i] = TAG_NUMBER;
      this.num[i] = v;
    } else if (typeof v === "string") {
      let c = this.codes.get(v);
      if (c === undefined) {
        c = this.dict.length;
        this.dict.push(v);
        this.codes.set(v, c);
      }
      this.tag[i] = TAG_STRING;
      this.str[i] = c;
    } else if (typeof v === "boolean") {
      this.tag[i] = TAG_BOOL;
      this.num[i] = v ? 1 : 0;
    }
    // null, objects and arrays count as missing
  }
  /** The column; value arrays no slot uses are dropped (they are only read where the tag says so). */
  done(): PropColumn {
    let nums = false;
    let strs = false;
    for (let i = 0; i < this.tag.length; i++) {
      const t = this.tag[i];
      if (t === TAG_STRING) strs = true;
      else if (t === TAG_NUMBER || t === TAG_BOOL) nums = true;
    }
    return {
      tag: this.tag,
      num: nums ? this.num : new Float64Array(0),
      str: strs ? this.str : new Int32Array(0),
      dict: this.dict,
    };
  }
}

const quotable = (name: string) => !/["\\]/.test(name);

function typed(t: string, v: unknown): unknown {
  if (t === "true") return true;
  if (t === "false") return false;
  if (t === "integer" || t === "real" || t === "text") return v;
  return null;
}

/**
 * Events per statement when a column is read in batches: each batch comes back as two JSON arrays,
 * which must stay well under V8's largest string (~512 MB) even for long values.
 */
export const PROP_BATCH_EVENTS = 1 << 18;

/**
 * An event property column: slot p for timeline position p (posOfSeq maps events.seq to p).
 *
 * SQLite finds the property (json's `->` runs in C, far faster than parsing each object in JS) and
 * hands back each batch of events as two JSON arrays, their seqs and their values, which one
 * JSON.parse each turns into JS values: a row handed to JavaScript one at a time costs about as much
 * as SQLite's own look into its JSON (10M events, a property on 2.3M of them: 7.6 s row by row, about
 * 3-4 s in batches). `->` keeps a value's JSON text, so a number is parsed once, by JSON.parse, to the
 * same double as before; a JSON null, object or array parses to a value the column counts as missing.
 * A batch that cannot come back this way (a value too long for one string) is read row by row.
 */
export function loadEventColumn(
  db: Database.Database,
  name: string,
  nEvents: number,
  posOfSeq: Int32Array,
  batchEvents = PROP_BATCH_EVENTS,
): PropColumn {
  const columnBuilder = new ColumnBuilder(nEvents);
  const put = (seq: number, value: unknown) => {
    const pos = posOfSeq[seq] ?? -1;
    if (pos >= 0) columnBuilder.set(pos, value);
  };
  if (quotable(name)) {
    const path = `$."${name}"`;
    const batch = statement(db)`SELECT json_group_array(seq), json_group_array(properties -> ?)
      FROM events WHERE seq >= ? AND seq < ? AND properties -> ? IS NOT NULL`.raw();
    const rows = statement(db)`SELECT seq, json_type(properties, ?) AS t, json_extract(properties, ?) AS v
      FROM events WHERE seq >= ? AND seq < ? AND properties -> ? IS NOT NULL`.raw();
    const [first, last] = statement(db)`SELECT min(seq), max(seq) FROM events`.raw().get() as [
      number | null,
      number | null,
    ];
    for (let from = first ?? 0; last !== null && from <= last; from += batchEvents) {
      const to = from + batchEvents;
      const values = batchValues(batch, path, from, to);
      if (values)
        for (let i = 0; i < values.seqs.length; i++) {
          const seq = values.seqs[i];
          if (typeof seq === "number") put(seq, values.values[i]);
        }
      else
        for (const [seq, jsonType, jsonValue] of rows.iterate(path, path, from, to, path) as Iterable<
          [number, string, unknown]
        >)
          put(seq, typed(jsonType, jsonValue));
    }
  } else {
    const stmt = statement(db)`SELECT seq, properties FROM events WHERE properties IS NOT NULL`;
    for (const [seq, json] of stmt.raw().iterate() as Iterable<[number, string]>) {
      const obj = JSON.parse(json) as Record<string, unknown>;
      if (Object.hasOwn(obj, name)) put(seq, obj[name]);
    }
  }
  return columnBuilder.done();
}

/** One batch's seqs and values, or null when it does not come back as two JSON arrays of one length. */
function batchValues(
  batch: Database.Statement,
  path: string,
  from: number,
  to: number,
): { seqs: unknown[]; values: unknown[] } | null {
  try {
    const [seqs, values] = (batch.get(path, from, to, path) as [string, string]).map((json) =>
      JSON.parse(json),
    );
    return Array.isArray(seqs) && Array.isArray(values) && seqs.length === values.length
      ? { seqs, values }
      : null;
  } catch (e) {
    // too big for one string (SQLite's or V8's limit): this batch goes row by row; anything else
    // (a malformed properties object) fails the read as it always has
    if (
      e instanceof RangeError ||
      (e instanceof Error && /too big|too long|Invalid string length/i.test(e.message))
    )
      return null;
    throw e;
  }
}

/** A user attribute column, slot i for user index i. */
export function loadUserColumn(
  db: Database.Database,
  name: string,
  indexOfId: (id: number) => number,
  nUsers: number,
): PropColumn {
  const b = new ColumnBuilder(nUsers);
  const stmt = statement(db)`SELECT id, attributes FROM users WHERE attributes IS NOT NULL`;
  for (const [id, json] of stmt.raw().iterate() as Iterable<[number, string]>) {
    const i = indexOfId(id);
    if (i < 0) continue;
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(json) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (obj && typeof obj === "object" && Object.hasOwn(obj, name)) b.set(i, obj[name]);
  }
  return b.done();
}
