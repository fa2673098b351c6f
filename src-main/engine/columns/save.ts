import type Database from "better-sqlite3";
import { statement } from "../../db/sql.ts";
import { buildArrays, type TimelineArrays } from "./build.ts";
import { codesFitByte, encodeCodes, encodeTimes, timesBase, timesPerChunk } from "./compact.ts";
import { ARRAYS, CHUNK_BYTES, COLUMNS_VERSION, chunkName, type Meta, rowsOf } from "./saved-layout.ts";

// Saving the engine's timeline into the workspace (engine_columns), in the narrow forms of
// compact.ts and in chunks (saved-layout.ts); load.ts reads it back.

function bytes(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

export interface WriteOptions {
  /** bytes of each saved row (a multiple of 8); CHUNK_BYTES unless a test wants many */
  chunkBytes?: number;
  /** false: every array as it is in memory (how the version before the narrow forms saved them) */
  narrow?: boolean;
}

/**
 * A failure to save the columns costs every later open a rebuild (60x slower at 100M events): it is
 * never silent. Written to stderr, which the CLI shows and the app's log keeps (a worker thread's
 * stderr is forwarded to the process's).
 */
export function warnColumnsNotSaved(e: unknown, what?: string): void {
  const why = e instanceof Error ? e.message : String(e);
  process.stderr.write(
    what
      ? `strata: warning: the engine's column for the ${what} was not saved (${why}); the next query reads it again\n`
      : `strata: warning: the engine's columns were not saved (${why}); the next open rebuilds them\n`,
  );
}

/** SQLite's answer for a workspace another connection holds, or one opened read-only. */
export function expectedSaveFailure(e: unknown): boolean {
  const code = e instanceof Error && "code" in e ? String(e.code) : "";
  return code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_READONLY");
}

/** Writes the given (or freshly built) timeline into engine_columns, replacing what was there. */
export function writeColumns(
  db: Database.Database,
  arrays: TimelineArrays,
  options: WriteOptions = {},
): void {
  const { chunkBytes = CHUNK_BYTES, narrow = true } = options;
  if (!(chunkBytes > 0) || chunkBytes % 8 !== 0)
    throw new RangeError(`chunk size ${chunkBytes} is not a positive multiple of 8`);
  const put = statement(
    db,
  )`INSERT OR REPLACE INTO engine_columns (name, version, built_at, data) VALUES (?, ?, ?, ?)`;
  const now = Date.now();
  const base = narrow ? timesBase(arrays.times) : null;
  const byteCodes = narrow && codesFitByte(arrays.eventCodes);
  // the narrow chunks are encoded here one after another (bound blobs are copied by SQLite)
  const scratch = Buffer.from(
    new ArrayBuffer(base !== null || byteCodes ? Math.max(chunkBytes, 5 * timesPerChunk(chunkBytes)) : 0),
  );
  db.transaction(() => {
    // property columns were built against the old timeline: drop them with it
    statement(db)`DELETE FROM engine_columns WHERE name LIKE 'timeline.%' OR name LIKE '%prop.%'`.run();
    freeDeletedPages(db);
    for (const { name } of ARRAYS) {
      const chunks = (
        rows: string,
        count: number,
        per: number,
        chunk: (from: number, to: number) => Buffer,
      ) => {
        // an empty array still gets its chunk 0, so that "no rows" always means "not saved"
        for (let i = 0, at = 0; i === 0 || at < count; i++, at += per)
          put.run(chunkName(rows, i), COLUMNS_VERSION, now, chunk(at, Math.min(count, at + per)));
      };
      if (name === "times" && base !== null) {
        const times = arrays.times;
        chunks(rowsOf(name, "i40"), times.length, timesPerChunk(chunkBytes), (from, to) =>
          encodeTimes(times, base, from, to, scratch),
        );
      } else if (name === "eventCodes" && byteCodes) {
        const codes = arrays.eventCodes;
        chunks(rowsOf(name, "u8"), codes.length, chunkBytes, (from, to) =>
          encodeCodes(codes, from, to, scratch),
        );
      } else {
        const all = bytes(arrays[name]);
        chunks(rowsOf(name, "plain"), all.byteLength, chunkBytes, (from, to) => all.subarray(from, to));
      }
    }
    const meta: Meta = { stamp: arrays.stamp, eventNames: arrays.eventNames };
    if (base !== null) meta.timesBase = base;
    put.run("timeline.meta", COLUMNS_VERSION, now, Buffer.from(JSON.stringify(meta), "utf8"));
  })();
}

/**
 * Gives the file's free pages back (moving pages from its end into them), so that what is written
 * next is appended in page order. SQLite otherwise reuses freed pages for a blob's chain from the
 * nearest free neighbour down, and a rewritten column came out in descending pages: a cold open then
 * reads it 4 KB at a time against the kernel's read-ahead (10M events: 336-374 ms against 214-240 ms
 * for the same columns in order). Only workspaces made in incremental auto-vacuum (every one since
 * this change) can; in the others the pragma does nothing.
 */
export function freeDeletedPages(db: Database.Database): void {
  db.pragma("incremental_vacuum");
}

/**
 * Builds the timeline from the events and saves it in the workspace. Import and demo code call this
 * after writing events (outside their write transaction), so the next open is fast.
 */
export function persistColumns(db: Database.Database): TimelineArrays {
  const arrays = buildArrays(db);
  writeColumns(db, arrays);
  return arrays;
}
