import type Database from "better-sqlite3";
import { readEventNames, type TimelineArrays } from "../engine/columns/build.ts";
import { readStamp } from "../engine/columns/stamp.ts";

// The engine's saved timeline, built from what the inserting thread already holds instead of
// re-reading every event from SQLite after the commit (that re-read was 0.65 s per million rows,
// a third of the import). Only for an import into a workspace without events: then the events
// of the timeline are exactly this import's, with seqs 1, 2, 3... in insert order (SQLite gives an
// empty rowid table rowid 1, then max + 1). Any other import lets the engine rebuild from the table.
//
// The arrays must be exactly what the engine's buildArrays makes of the same table (a test
// compares them): users in id order, each user's events by time, ties in seq order.

export class TimelineCollector {
  private readonly uids: Int32Array[] = [];
  private readonly eids: Int32Array[] = [];
  private readonly times: Float64Array[] = [];
  private readonly lengths: number[] = [];
  private n = 0;

  /** One batch, in insert order. The arrays are kept, not copied: the caller must not reuse them. */
  add(uids: Int32Array, eids: Int32Array, times: Float64Array, n: number): void {
    this.uids.push(uids);
    this.eids.push(eids);
    this.times.push(times);
    this.lengths.push(n);
    this.n += n;
  }

  /** After the commit, on the same connection: the timeline of the workspace. */
  build(db: Database.Database): TimelineArrays {
    const stamp = readStamp(db);
    const users = db.prepare("SELECT id, created_at FROM users ORDER BY id").raw().all() as [
      number,
      number | null,
    ][];
    const nUsers = users.length;
    const userIds = new Int32Array(nUsers);
    const createdAt = new Float64Array(nUsers);
    const maxId = nUsers > 0 ? (users[nUsers - 1] as [number, number | null])[0] : 0;
    const indexOfId = new Int32Array(maxId + 1).fill(-1);
    for (let i = 0; i < nUsers; i++) {
      const [id, c] = users[i] as [number, number | null];
      userIds[i] = id;
      createdAt[i] = c ?? Number.NaN;
      indexOfId[id] = i;
    }
    // counting sort by user (stable, so seq order survives within a user)
    const userOffsets = new Int32Array(nUsers + 1);
    for (let b = 0; b < this.uids.length; b++) {
      const u = this.uids[b] as Int32Array;
      const len = this.lengths[b] as number;
      for (let k = 0; k < len; k++) {
        const ui = indexOfId[u[k] as number] as number;
        userOffsets[ui + 1] = (userOffsets[ui + 1] as number) + 1;
      }
    }
    for (let i = 0; i < nUsers; i++)
      userOffsets[i + 1] = (userOffsets[i] as number) + (userOffsets[i + 1] as number);
    const fill = userOffsets.slice(0, nUsers);
    const n = this.n;
    const eventCodes = new Uint16Array(n);
    const times = new Float64Array(n);
    const seqs = new Int32Array(n);
    let seq = 1;
    for (let b = 0; b < this.uids.length; b++) {
      const u = this.uids[b] as Int32Array;
      const e = this.eids[b] as Int32Array;
      const t = this.times[b] as Float64Array;
      const len = this.lengths[b] as number;
      for (let k = 0; k < len; k++) {
        const ui = indexOfId[u[k] as number] as number;
        const p = fill[ui] as number;
        fill[ui] = p + 1;
        eventCodes[p] = e[k] as number;
        times[p] = t[k] as number;
        seqs[p] = seq++;
      }
    }
    for (let u = 0; u < nUsers; u++)
      sortSlice(userOffsets[u] as number, userOffsets[u + 1] as number, eventCodes, times, seqs);
    return {
      userOffsets,
      eventCodes,
      times,
      seqs,
      userIds,
      createdAt,
      eventNames: readEventNames(db),
      stamp,
    };
  }
}

/** Sorts one user's events by time, seq breaking ties; a slice already in order costs one pass. */
function sortSlice(a: number, b: number, codes: Uint16Array, times: Float64Array, seqs: Int32Array): void {
  let sorted = true;
  for (let i = a + 1; i < b; i++) {
    if ((times[i] as number) < (times[i - 1] as number)) {
      sorted = false;
      break;
    }
  }
  if (sorted) return;
  const idx: number[] = new Array(b - a);
  for (let i = 0; i < b - a; i++) idx[i] = a + i;
  idx.sort(
    (x, y) => (times[x] as number) - (times[y] as number) || (seqs[x] as number) - (seqs[y] as number),
  );
  const c = idx.map((i) => codes[i] as number);
  const t = idx.map((i) => times[i] as number);
  const s = idx.map((i) => seqs[i] as number);
  for (let i = 0; i < idx.length; i++) {
    codes[a + i] = c[i] as number;
    times[a + i] = t[i] as number;
    seqs[a + i] = s[i] as number;
  }
}
