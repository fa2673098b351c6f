import type Database from "better-sqlite3";
import { statement } from "../../db/sql.ts";
import { type PropColumn, TAG_BOOL, TAG_NUMBER, TAG_STRING } from "./types.ts";

// Property columns are read from SQLite on first use. json_extract runs in C, far faster than
// parsing every properties object in JS; names SQLite's path syntax cannot quote fall back to JS.

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

/** An event property column: slot p for timeline position p (posOfSeq maps events.seq to p). */
export function loadEventColumn(
  db: Database.Database,
  name: string,
  nEvents: number,
  posOfSeq: Int32Array,
): PropColumn {
  const columnBuilder = new ColumnBuilder(nEvents);
  if (quotable(name)) {
    const path = `$."${name}"`;
    // events without the property stay in SQLite: a row handed to JavaScript costs about as much as
    // SQLite's own look into its JSON, and most events lack most properties (10M events, a property on
    // 2.3M of them: 14.1 s when every row came back, 7.6 s)
    const stmt = statement(db)`SELECT seq, json_type(properties, ?) AS t, json_extract(properties, ?) AS v
      FROM events WHERE properties IS NOT NULL AND json_type(properties, ?) IS NOT NULL`;
    for (const [seq, jsonType, jsonValue] of stmt.raw().iterate(path, path, path) as Iterable<
      [number, string, unknown]
    >) {
      const pos = posOfSeq[seq] ?? -1;
      if (pos >= 0) columnBuilder.set(pos, typed(jsonType, jsonValue));
    }
  } else {
    const stmt = statement(db)`SELECT seq, properties FROM events WHERE properties IS NOT NULL`;
    for (const [seq, json] of stmt.raw().iterate() as Iterable<[number, string]>) {
      const pos = posOfSeq[seq] ?? -1;
      if (pos < 0) continue;
      const obj = JSON.parse(json) as Record<string, unknown>;
      if (Object.hasOwn(obj, name)) columnBuilder.set(pos, obj[name]);
    }
  }
  return columnBuilder.done();
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
