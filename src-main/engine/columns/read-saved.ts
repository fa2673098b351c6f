import type Database from "better-sqlite3";
import { outOfBounds } from "../typed-index.ts";
import { bytesBelow, decodeCodes, decodeTimes, timesInChunk } from "./compact.ts";
import { eachReleased } from "./release.ts";
import type { ARRAYS, ArrayName, Part, Saved, SavedMeta } from "./saved-layout.ts";
import type { TimesShare } from "./times-share.ts";

// One saved array's rows read into its typed array, in whichever form it was saved (load.ts decides
// which arrays a reader reads, and when).

function copyInto<T extends Int32Array | Uint16Array | Float64Array>(
  ctor: { new (b: ArrayBuffer | SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  buf: Buffer,
  shared: boolean,
): T {
  if (!shared && buf.byteOffset % ctor.BYTES_PER_ELEMENT === 0 && buf.buffer.byteLength === buf.byteLength) {
    // SQLite's copy of the blob is already a fresh, aligned buffer of its own: use it as it is
    return new ctor(buf.buffer as ArrayBuffer);
  }
  const ab = shared ? new SharedArrayBuffer(buf.byteLength) : new ArrayBuffer(buf.byteLength);
  new Uint8Array(ab).set(buf);
  return new ctor(ab);
}

/** One saved row's blob, which must still have the size the open saw. */
function rowReader(blob: Database.Statement): (p: Part) => Buffer {
  return (p) => {
    const b = blob.get(p.row);
    if (!Buffer.isBuffer(b)) throw new Error(`saved column ${p.row} is missing`);
    if (b.byteLength !== p.size) throw new Error(`saved column ${p.row} changed while read`);
    return b;
  };
}

/** Hands each chunk's blob to `use`, in order, each released once the next is read (release.ts). */
function eachChunk(parts: readonly Part[], blob: Database.Statement, use: (chunk: Buffer) => void): void {
  eachReleased(parts, rowReader(blob), use);
}

/**
 * One array from its rows: a single row is used as SQLite copied it; chunks are copied in one
 * sequential pass into one preallocated buffer (never a concatenation of all of them).
 */
function readParts<T extends Int32Array | Uint16Array | Float64Array>(
  ctor: { new (b: ArrayBuffer | SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  parts: Part[],
  blob: Database.Statement,
  shared: boolean,
): T {
  if (parts.length === 1 && parts[0]) return copyInto(ctor, rowReader(blob)(parts[0]), shared);
  const total = parts.reduce((sum, p) => sum + p.size, 0);
  const ab = shared ? new SharedArrayBuffer(total) : new ArrayBuffer(total);
  const into = new Uint8Array(ab);
  let at = 0;
  eachChunk(parts, blob, (chunk) => {
    into.set(chunk, at);
    at += chunk.byteLength;
  });
  return new ctor(ab);
}

/** An array saved in a narrow form, widened chunk by chunk into its in-memory type. */
function readNarrow(
  saved: Saved,
  blob: Database.Statement,
  shared: boolean,
  base: number,
  nNames: number,
): ArrayBufferView | null {
  const alloc = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  let at = 0;
  if (saved.form === "i40") {
    const into = new Float64Array(alloc(saved.length * 8));
    eachChunk(saved.parts, blob, (chunk) => {
      at += decodeTimes(chunk, base, into, at);
    });
    return into;
  }
  const into = new Uint16Array(alloc(saved.length * 2));
  let named = true;
  eachChunk(saved.parts, blob, (chunk) => {
    // checked here, a quarter of the work of checking the widened codes
    named &&= bytesBelow(chunk, nNames);
    at += decodeCodes(chunk, into, at);
  });
  return named ? into : null;
}

/** One array as `meta` says it is saved; null when it is not there or its codes name no event. */
export function readArray(
  meta: SavedMeta,
  name: ArrayName,
  ctor: (typeof ARRAYS)[number]["ctor"],
  blob: Database.Statement,
  shared: boolean,
): unknown {
  const saved = meta.saved.get(name);
  if (!saved) return null;
  if (saved.form !== "plain")
    return readNarrow(saved, blob, shared, meta.timesBase ?? 0, meta.eventNames.length);
  const array = readParts(ctor as typeof Float64Array, saved.parts, blob, shared);
  return name === "times" && !everyTimeANumber(array) ? null : array;
}

/**
 * Whether no time is NaN. Times saved as they are in memory (the rare workspace whose times do not
 * fit the narrow form) come from a file that may be damaged or hostile: a NaN would fall in some
 * period of every report instead of in none. Such columns are rebuilt from the events instead, as
 * any unreadable saved column is. The narrow form cannot hold a NaN.
 */
function everyTimeANumber(times: Float64Array): boolean {
  for (let i = 0; i < times.length; i++) {
    const time = times[i] ?? outOfBounds();
    if (Number.isNaN(time)) return false;
  }
  return true;
}

/**
 * Decodes the share's chunks of times into its shared array, once called; null when the saved
 * times are not those the plan saw (another stamp, form or layout; with the plan's own layout, as
 * a worker reads while the stamp holds, only a damaged share can fail this).
 */
export function timesReader(
  share: TimesShare,
  meta: SavedMeta,
  blob: Database.Statement,
): (() => void) | null {
  const saved = meta.saved.get("times");
  const { sizes, from, to } = share;
  if (meta.stamp !== share.stamp || !saved || saved.form !== "i40") return null;
  if (saved.parts.length !== sizes.length || saved.parts.some((p, i) => p.size !== sizes[i])) return null;
  if (from < 0 || to > sizes.length || from > to || share.buffer.byteLength !== saved.length * 8) return null;
  return () => {
    const into = new Float64Array(share.buffer);
    let at = sizes.slice(0, from).reduce((n, size) => n + timesInChunk(size), 0);
    eachChunk(saved.parts.slice(from, to), blob, (chunk) => {
      at += decodeTimes(chunk, meta.timesBase ?? 0, into, at);
    });
  };
}

/**
 * SQLite's memory map (up to the 2 GB most builds allow) while the open reads the column chunks: each
 * overflow page is then copied out of the map instead of read by a system call of its own (a 10M-event
 * open reads ~40,000 such pages). Only for the open's reads, then back to what the connection had, so
 * that nothing else depends on a map of a file another process might truncate.
 */
const OPEN_MMAP_BYTES = 2 ** 31 - 2 ** 16;

export function withMmap(db: Database.Database, f: () => void): void {
  const before = db.pragma("mmap_size", { simple: true });
  db.pragma(`mmap_size = ${OPEN_MMAP_BYTES}`);
  try {
    f();
  } finally {
    db.pragma(`mmap_size = ${typeof before === "number" ? before : 0}`);
  }
}
