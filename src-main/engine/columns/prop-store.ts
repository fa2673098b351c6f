import type Database from "better-sqlite3";
import { statement } from "../../db/sql.ts";
import { eachReleased } from "./release.ts";
import { freeDeletedPages } from "./save.ts";
import { CHUNK_BYTES, type Part as Chunk, COLUMNS_VERSION, rowCountsFit } from "./saved-layout.ts";
import type { PropColumn } from "./types.ts";

// Property columns saved in engine_columns after their first load (reading a property out of 10M
// JSON objects takes seconds; a saved column is a copy). Each is stamped with the timeline it was
// built against, so a column from before an import is never used.
//
// Like the timeline's arrays (save.ts, load.ts), each part is saved in chunks of at most CHUNK_BYTES:
// better-sqlite3 refuses to bind one buffer of ~800 MB, the `num` part of a 100M-event column.
// Chunk 0 keeps the one-row name of the layout before chunks (`eventprop.num.price`), the others
// add their index to the part (`eventprop.num#1.price`: a plain key always has "." after the part,
// so no property name can make one). The meta row says how many chunks each part has; a meta
// without counts is the previous, one-row layout.

export const PARTS = ["tag", "num", "str"] as const;
export type Part = (typeof PARTS)[number];

const key = (scope: "event" | "user", name: string, part: string) => `${scope}prop.${part}.${name}`;
const chunkKey = (scope: "event" | "user", name: string, part: Part, i: number) =>
  i === 0 ? key(scope, name, part) : `${scope}prop.${part}#${i}.${name}`;

export interface Meta {
  stamp: string;
  dict: string[];
  /** chunks per part; absent in the one-row layout */
  chunks?: Record<Part, number>;
}

export function readMeta(db: Database.Database, scope: "event" | "user", name: string): Meta | null {
  const blob = statement(db)`SELECT data FROM engine_columns WHERE name = ? AND version = ?`.pluck();
  const meta = blob.get(key(scope, name, "meta"), COLUMNS_VERSION);
  if (!Buffer.isBuffer(meta)) return null;
  try {
    const m = JSON.parse(meta.toString("utf8")) as Partial<Meta> | null;
    if (!m || typeof m.stamp !== "string" || !Array.isArray(m.dict)) return null;
    const c = m.chunks;
    // counts a save can have written (a forged one is a stale column, built again from the events)
    if (c !== undefined && !rowCountsFit([c], PARTS)) return null;
    return { stamp: m.stamp, dict: m.dict, chunks: c };
  } catch {
    return null;
  }
}

export function saveProp(
  db: Database.Database,
  scope: "event" | "user",
  name: string,
  stamp: string,
  col: PropColumn,
  chunkBytes = CHUNK_BYTES,
): void {
  replaceRows(
    db,
    chunkBytes,
    () => {
      const before = readMeta(db, scope, name)?.chunks;
      const rows = before
        ? PARTS.flatMap((p) => Array.from({ length: before[p] }, (_, i) => chunkKey(scope, name, p, i)))
        : [];
      return [...rows, key(scope, name, "meta")];
    },
    (put, now) => {
      const chunks: Record<Part, number> = { tag: 0, num: 0, str: 0 };
      for (const p of PARTS)
        chunks[p] = putChunks(put, (i) => chunkKey(scope, name, p, i), col[p], now, chunkBytes);
      const meta: Meta = { stamp, dict: [...col.dict], chunks };
      put.run(key(scope, name, "meta"), COLUMNS_VERSION, now, Buffer.from(JSON.stringify(meta), "utf8"));
    },
  );
}

/**
 * Replaces saved rows in one transaction: the rows `before` names (read inside it) go first, their
 * pages freed, so that what `write` puts is written in page order at the file's end rather than into
 * the old rows' pages (freeDeletedPages). `put` is INSERT OR REPLACE of (name, version, built_at,
 * data); `chunkBytes`, the size putChunks will cut arrays into, must be a positive multiple of 8.
 */
export function replaceRows(
  db: Database.Database,
  chunkBytes: number,
  before: () => readonly string[],
  write: (put: Database.Statement, now: number) => void,
): void {
  if (!(chunkBytes > 0) || chunkBytes % 8 !== 0)
    throw new RangeError(`chunk size ${chunkBytes} is not a positive multiple of 8`);
  const put = statement(
    db,
  )`INSERT OR REPLACE INTO engine_columns (name, version, built_at, data) VALUES (?, ?, ?, ?)`;
  const drop = statement(db)`DELETE FROM engine_columns WHERE name = ?`;
  const now = Date.now();
  db.transaction(() => {
    for (const row of before()) drop.run(row);
    freeDeletedPages(db);
    write(put, now);
  })();
}

/**
 * An array saved as rows of at most `chunkBytes` bytes, named `rowOf(i)`; an empty array still gets
 * its row 0. Returns the rows written.
 */
export function putChunks(
  /** INSERT OR REPLACE INTO engine_columns (name, version, built_at, data) */
  put: Database.Statement,
  rowOf: (i: number) => string,
  array: ArrayBufferView,
  now: number,
  chunkBytes: number,
): number {
  const all = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  let rows = 0;
  for (let i = 0, at = 0; i === 0 || at < all.byteLength; i++, at += chunkBytes) {
    put.run(rowOf(i), COLUMNS_VERSION, now, all.subarray(at, at + chunkBytes));
    rows = i + 1;
  }
  return rows;
}

/**
 * One part's chunks copied into one buffer as they are read, each chunk's memory given back once
 * the next is read (release.ts; holding them all until the copy doubled the column's fresh
 * memory: at 100M events 1.6 GB for the 800 MB `num` part); null when a chunk is missing or
 * changed while read.
 */
export function readPart<T extends Uint8Array | Float64Array | Int32Array>(
  ctor: { new (b: ArrayBuffer): T; BYTES_PER_ELEMENT: number },
  rows: string[],
  db: Database.Database,
): T | null {
  const sizeOf = statement(
    db,
  )`SELECT length(data) FROM engine_columns WHERE name = ? AND version = ?`.pluck();
  const blob = statement(db)`SELECT data FROM engine_columns WHERE name = ? AND version = ?`.pluck();
  const parts: Chunk[] = [];
  for (const row of rows) {
    const size = sizeOf.get(row, COLUMNS_VERSION);
    if (typeof size !== "number") return null;
    parts.push({ row, size });
  }
  const total = parts.reduce((sum, p) => sum + p.size, 0);
  if (total % ctor.BYTES_PER_ELEMENT !== 0) return null;
  const into = new Uint8Array(new ArrayBuffer(total));
  let at = 0;
  const read = (p: Chunk) => {
    const chunk = blob.get(p.row, COLUMNS_VERSION);
    return Buffer.isBuffer(chunk) && chunk.byteLength === p.size ? chunk : null;
  };
  const whole = eachReleased(parts, read, (chunk) => {
    into.set(chunk, at);
    at += chunk.byteLength;
  });
  if (!whole) return null;
  return new ctor(into.buffer);
}

/** The rows of one part of a saved column, in order (one row in the layout before chunks). */
export function chunkRows(scope: "event" | "user", name: string, meta: Meta, part: Part): string[] {
  return Array.from({ length: meta.chunks?.[part] ?? 1 }, (_, i) => chunkKey(scope, name, part, i));
}

/** A value part is as long as the tags, or empty when no value uses it (props.ts). */
export function valuesFit(tags: number, values: number): boolean {
  return values === 0 || values === tags;
}

/** The saved column when it was built against `stamp`, else null. */
export function loadProp(
  db: Database.Database,
  scope: "event" | "user",
  name: string,
  stamp: string,
): PropColumn | null {
  const m = readMeta(db, scope, name);
  if (!m || m.stamp !== stamp) return null;
  const tag = readPart(Uint8Array, chunkRows(scope, name, m, "tag"), db);
  const num = readPart(Float64Array, chunkRows(scope, name, m, "num"), db);
  const str = readPart(Int32Array, chunkRows(scope, name, m, "str"), db);
  if (!tag || !num || !str) return null;
  if (!valuesFit(tag.length, num.length) || !valuesFit(tag.length, str.length)) return null;
  return { tag, num, str, dict: m.dict };
}
