import type Database from "better-sqlite3";
import { statement } from "../../db/sql.ts";
import { timesInChunk } from "./compact.ts";

// Which rows of engine_columns hold the saved timeline, in which form, and whether they make whole
// arrays that fit together. Written by save.ts; read here first by every open.

export const COLUMNS_VERSION = 1;

export type ArrayName = "userOffsets" | "eventCodes" | "times" | "seqs" | "userIds" | "createdAt";
export const ARRAYS: {
  name: ArrayName;
  ctor: typeof Int32Array | typeof Uint16Array | typeof Float64Array;
}[] = [
  { name: "userOffsets", ctor: Int32Array },
  { name: "eventCodes", ctor: Uint16Array },
  { name: "times", ctor: Float64Array },
  { name: "seqs", ctor: Int32Array },
  { name: "userIds", ctor: Int32Array },
  { name: "createdAt", ctor: Float64Array },
];

/**
 * Each array is saved as rows `timeline.<name>#<i>` of at most this many bytes. better-sqlite3
 * refuses to bind a buffer over ~500-800 MB (a 100M-event times column is 800 MB), and a large chunk
 * also costs the open twice its size in fresh memory (SQLite's copy of the blob, then
 * better-sqlite3's) before it is used, each page of it faulted in by the kernel: on the 2-core VM a
 * page fault costs ~3 us, and at 10M events an open spent most of its time in them. Chunks of 1 MiB
 * are copied one after another into the final (or shared) array: SQLite's buffer is reused and
 * stays in the cache, so only the final array's pages are new. An array of one chunk (under 1 MiB)
 * is used as SQLite copied it. Files written with larger chunks (256 MB, and 64 MB before) and the
 * one-row layout before them are still read.
 */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Rows a saved property column's meta may name, all its parts together: 2^20 chunks of 1 MiB, far
 * more than any column has. A meta comes from the file: a count read from it is a number of row
 * names made before any row is read (prop-store.ts, sparse-store.ts), and a forged 2^32 ran the
 * process out of memory (it aborts, taking the app's main process with it).
 */
export const MAX_ROWS = 2 ** 20;

/**
 * Whether the row counts a saved meta gives for each of `parts` in every group (of a column's
 * chunks, or of each event code's values) are ones a save can have written: whole numbers from 1,
 * MAX_ROWS at most between them all.
 */
export function rowCountsFit(groups: Iterable<unknown>, parts: readonly string[]): boolean {
  let rows = 0;
  for (const group of groups) {
    if (typeof group !== "object" || group === null) return false;
    for (const part of parts) {
      const count: unknown = Reflect.get(group, part);
      if (typeof count !== "number" || !Number.isInteger(count) || count < 1) return false;
      rows += count;
      if (rows > MAX_ROWS) return false;
    }
  }
  return true;
}

/**
 * How an array is saved: as in memory ("plain"), or in one of the narrow forms of compact.ts. Rows
 * are `timeline.<name>#<i>` for the plain form and `timeline.<name>@<form>#<i>` for a narrow one.
 */
export type Form = "plain" | "i40" | "u8";
export const rowsOf = (name: ArrayName, form: Form) =>
  form === "plain" ? `timeline.${name}` : `timeline.${name}@${form}`;
export const chunkName = (rows: string, i: number) => `${rows}#${i}`;
/** The narrow form an array may be saved in. */
export const NARROW: Partial<Record<ArrayName, Form>> = { times: "i40", eventCodes: "u8" };

export interface Meta {
  stamp: string;
  eventNames: string[];
  /** the time the "i40" times count from (present when they are saved so) */
  timesBase?: number;
}

/** Where and how one array is saved, and its length in elements. */
export interface Saved {
  form: Form;
  parts: Part[];
  length: number;
}

/** The saved timeline's meta and where each array is saved. */
export type SavedMeta = Meta & { saved: Map<ArrayName, Saved> };

/**
 * The saved timeline's meta when every part is there, of this version, readable and of sizes that fit
 * together; else null. The file may be untrusted or damaged: unreadable columns count as stale (they
 * are rebuilt from the events, the source of truth) instead of crashing whoever opens them.
 */
export function savedMeta(db: Database.Database): SavedMeta | null {
  // the rows named timeline.* as a range of the primary key's index ('/' follows '.'), not a LIKE:
  // a LIKE visits every row of the table, and the property columns' rows with them; at 100M events
  // that read ~2,300 rows' first pages from all over the file, 66-435 ms cold against 33-38
  const rows = statement(db)`SELECT name, version, typeof(data), length(data) FROM engine_columns
      WHERE name >= 'timeline.' AND name < 'timeline/'`
    .raw()
    .all() as [string, unknown, string, number][];
  const bytes = new Map<string, number>();
  for (const [name, version, type, size] of rows) {
    // a row of another version or type makes its array unreadable, not silently skipped
    bytes.set(name, version === COLUMNS_VERSION && type === "blob" ? size : -1);
  }
  if (!((bytes.get("timeline.meta") ?? -1) >= 0)) return null;
  const meta = readMeta(db);
  if (!meta) return null;
  const saved = new Map<ArrayName, Saved>();
  for (const { name, ctor } of ARRAYS) {
    const one = savedArray(bytes, name, ctor.BYTES_PER_ELEMENT, meta);
    if (!one) return null;
    saved.set(name, one);
  }
  const len = (name: ArrayName) => saved.get(name)?.length ?? -1;
  const nUsers = len("userOffsets") - 1;
  const nEvents = len("times");
  if (nUsers < 0 || nEvents < 0) return null;
  if (len("eventCodes") !== nEvents || len("seqs") !== nEvents) return null;
  if (len("userIds") !== nUsers || len("createdAt") !== nUsers) return null;
  return { ...meta, saved };
}

/** One array's rows in the one form it is saved in; null when none or more than one, or unreadable. */
function savedArray(bytes: Map<string, number>, name: ArrayName, per: number, meta: Meta): Saved | null {
  const narrowForm = NARROW[name];
  const plain = layout(bytes, rowsOf(name, "plain"));
  const narrow = narrowForm ? layout(bytes, rowsOf(name, narrowForm)) : undefined;
  // a broken row of either form makes the array unreadable, as do rows of both forms at once
  if (plain === null || narrow === null || (plain && narrow)) return null;
  const sum = (parts: Part[]) => parts.reduce((total, p) => total + p.size, 0);
  if (plain) {
    const b = sum(plain);
    return b % per === 0 ? { form: "plain", parts: plain, length: b / per } : null;
  }
  if (!narrow || !narrowForm) return null;
  if (narrowForm === "u8") return { form: "u8", parts: narrow, length: sum(narrow) };
  // "i40": whole events in every chunk, counted from a base that is a time
  if (!Number.isFinite(meta.timesBase) || narrow.some((p) => timesInChunk(p.size) < 0)) return null;
  return { form: "i40", parts: narrow, length: timesInChunk(sum(narrow)) };
}

export interface Part {
  row: string;
  size: number;
}

/**
 * The rows that hold one array in one form (`rows` is their name before `#`), in order: chunks
 * 0..k-1 with every chunk but the last of one size (the chunked layout), or the single row of the
 * version before chunks. Undefined when there are none; null when the rows do not make one whole
 * array (a missing, extra or unreadable chunk, or both layouts at once).
 */
function layout(bytes: Map<string, number>, rows: string): Part[] | null | undefined {
  const old = bytes.get(rows);
  const prefix = `${rows}#`;
  const chunks = [...bytes.keys()].filter((k) => k.startsWith(prefix));
  if (old !== undefined) return chunks.length === 0 && old >= 0 ? [{ row: rows, size: old }] : null;
  if (chunks.length === 0) return undefined;
  const parts: Part[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const size = bytes.get(chunkName(rows, i));
    if (size === undefined || size < 0) return null;
    parts.push({ row: chunkName(rows, i), size });
  }
  const first = parts[0]?.size ?? 0;
  for (let i = 0; i < parts.length - 1; i++) if (parts[i]?.size !== first || first === 0) return null;
  if ((parts[parts.length - 1]?.size ?? 0) > first) return null;
  return parts;
}

/**
 * `known` (the layout another connection to this file read and checked a moment ago: the main
 * thread's, for a query worker) while the saved meta still has its stamp, else (or with none
 * known) savedMeta. Columns
 * saved again under one stamp are the same rows when this version saves them; rows another
 * version cut otherwise fail their size check when read, and loadPart then reads with the
 * workspace's own layout. At 100M events savedMeta visits ~2,300 rows, 35-60 ms a worker.
 */
export function savedMetaAsKnown(db: Database.Database, known: SavedMeta | undefined): SavedMeta | null {
  return known && readMeta(db)?.stamp === known.stamp ? known : savedMeta(db);
}

function readMeta(db: Database.Database): Meta | null {
  // of this version only, as savedMeta takes every row: a stamp alone (savedMetaAsKnown) must not
  // vouch for columns another version wrote
  const blob = statement(db)`SELECT data FROM engine_columns WHERE name = 'timeline.meta' AND version = ?`
    .pluck()
    .get(COLUMNS_VERSION);
  if (!Buffer.isBuffer(blob)) return null;
  let meta: unknown;
  try {
    meta = JSON.parse(blob.toString("utf8"));
  } catch {
    return null;
  }
  const m = meta as Partial<Meta> | null;
  if (!m || typeof m !== "object" || typeof m.stamp !== "string" || !Array.isArray(m.eventNames)) return null;
  if (!m.eventNames.every((n) => typeof n === "string")) return null;
  const out: Meta = { stamp: m.stamp, eventNames: m.eventNames };
  if (typeof m.timesBase === "number") out.timesBase = m.timesBase;
  return out;
}
