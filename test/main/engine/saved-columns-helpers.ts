import type Database from "better-sqlite3";
import { expect } from "vitest";
import type { TimelineArrays } from "../../../src-main/engine/columns/build.ts";
import { loadColumns } from "../../../src-main/engine/columns/load.ts";

// Shared by the tests of how the engine's columns are saved: what an open loads must be the very
// arrays that were saved, byte for byte, in memory of the kind asked for.

export const ARRAY_NAMES = ["userOffsets", "eventCodes", "times", "seqs", "userIds", "createdAt"] as const;

export function bytesOf(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Loads the saved columns of `stamp` and checks every array against `arrays`. */
export function expectLoadsAsSaved(
  db: Database.Database,
  arrays: TimelineArrays,
  shared: boolean,
  stamp = arrays.stamp,
): void {
  const loaded = loadColumns(db, shared, false, stamp);
  expect(loaded).not.toBeNull();
  for (const n of ARRAY_NAMES) {
    const a = loaded?.[n];
    expect(a && bytesOf(a).equals(bytesOf(arrays[n]))).toBe(true);
    expect(a?.buffer instanceof SharedArrayBuffer).toBe(shared);
  }
}

/**
 * A user and an event of id `upTo`: the saved users' ids and seqs must lie within the tables' own
 * (saved-ids.ts), and the tests that save arrays made up, not built from the tables, use ids up to it.
 */
export function roomForIds(db: Database.Database, upTo = 1_000_000): void {
  db.prepare("INSERT INTO users (id, external_id) VALUES (?, 'made-up ids')").run(upTo);
  db.prepare(
    "INSERT INTO events (seq, user_id, event_id, time) SELECT ?, ?, min(id), 0 FROM event_names",
  ).run(upTo, upTo);
}
