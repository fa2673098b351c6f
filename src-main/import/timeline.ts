import type Database from "better-sqlite3";
import { buildArraysFrom, type EventChunk, type TimelineArrays } from "../engine/columns/build.ts";

// The engine's saved timeline, built from what the inserting thread already holds instead of
// re-reading every event from SQLite after the commit (that re-read was 0.65 s per million rows,
// a third of the import). Only for an import into a workspace without events: then the events
// of the timeline are exactly this import's, with seqs 1, 2, 3... in insert order (SQLite gives an
// empty rowid table rowid 1, then max + 1). The grouping and sorting are the engine's own
// (buildArraysFrom), so the result is what the engine builds from the table.

export class TimelineCollector {
  private readonly chunks: EventChunk[] = [];

  /** One batch, in insert order. The arrays are kept, not copied: the caller must not reuse them. */
  add(uids: Int32Array, eids: Int32Array, times: Float64Array, n: number): void {
    this.chunks.push({ n, uids, eids, times });
  }

  /** After the last batch, on the inserting connection: the timeline of the workspace. */
  build(db: Database.Database): TimelineArrays {
    return buildArraysFrom(db, this.chunks, 1);
  }
}
