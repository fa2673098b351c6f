import type Database from "better-sqlite3";
import { statement } from "../../db/sql.ts";
import { outOfBounds } from "../typed-index.ts";
import { chunkRows, PARTS, type Part, readMeta, valuesFit } from "./prop-store.ts";
import { eachReleased } from "./release.ts";
import { COLUMNS_VERSION } from "./saved-layout.ts";
import type { PropColumn } from "./types.ts";

// A saved event property column read by every query worker at once, a share of its chunks each,
// into one set of shared buffers: each worker used to read the whole column for itself (at 100M
// events 1.3 GB per worker, so `strata query` kept property queries in one thread). One worker
// plans (the saved layout, buffers of the column's size), each reads its share, and only once
// every share is read does any worker adopt the column: a share that failed leaves zeros.

export interface SharedChunk {
  part: Part;
  row: string;
  /** the chunk's first byte in its part's buffer */
  at: number;
  size: number;
}

export interface SharedPropPlan {
  name: string;
  /** the timeline the column was built against */
  stamp: string;
  dict: string[];
  buffers: Record<Part, SharedArrayBuffer>;
  chunks: SharedChunk[];
}

const ELEMENT: Record<Part, number> = { tag: 1, num: 8, str: 4 };

/** The plan for an event property's saved column when it was built against `stamp`, else null. */
export function planSharedProp(db: Database.Database, name: string, stamp: string): SharedPropPlan | null {
  const meta = readMeta(db, "event", name);
  if (!meta || meta.stamp !== stamp) return null;
  const sizeOf = statement(
    db,
  )`SELECT length(data) FROM engine_columns WHERE name = ? AND version = ?`.pluck();
  const chunks: SharedChunk[] = [];
  const totals: Record<Part, number> = { tag: 0, num: 0, str: 0 };
  for (const part of PARTS) {
    for (const row of chunkRows("event", name, meta, part)) {
      const size = sizeOf.get(row, COLUMNS_VERSION);
      if (typeof size !== "number") return null;
      chunks.push({ part, row, at: totals[part], size });
      totals[part] += size;
    }
    if (totals[part] % ELEMENT[part] !== 0) return null;
  }
  const events = totals.tag;
  if (!valuesFit(events, totals.num / ELEMENT.num) || !valuesFit(events, totals.str / ELEMENT.str))
    return null;
  const buffers = {
    tag: new SharedArrayBuffer(totals.tag),
    num: new SharedArrayBuffer(totals.num),
    str: new SharedArrayBuffer(totals.str),
  };
  return { name, stamp, dict: meta.dict, buffers, chunks };
}

/** Share `share` of `of`: consecutive chunks of about equal bytes. */
export function chunksOfShare(chunks: readonly SharedChunk[], share: number, of: number): SharedChunk[] {
  const total = chunks.reduce((sum, c) => sum + c.size, 0);
  let before = 0;
  return chunks.filter((c) => {
    // a chunk belongs to the share its first byte falls in
    const mine = Math.min(of - 1, Math.floor((before * of) / Math.max(1, total))) === share;
    before += c.size;
    return mine;
  });
}

/**
 * Reads this worker's share of the plan's chunks into its buffers; false when one is missing or
 * changed, or the column was saved again for other events meanwhile (its stamp, before and after).
 */
export function readShare(db: Database.Database, plan: SharedPropPlan, share: number, of: number): boolean {
  const current = () => readMeta(db, "event", plan.name)?.stamp === plan.stamp;
  if (!current()) return false;
  const blob = statement(db)`SELECT data FROM engine_columns WHERE name = ? AND version = ?`.pluck();
  const views = {
    tag: new Uint8Array(plan.buffers.tag),
    num: new Uint8Array(plan.buffers.num),
    str: new Uint8Array(plan.buffers.str),
  };
  const read = eachReleased(
    chunksOfShare(plan.chunks, share, of),
    (c) => {
      const data = blob.get(c.row, COLUMNS_VERSION);
      return Buffer.isBuffer(data) && data.byteLength === c.size ? data : null;
    },
    (data, c) => {
      (views[c.part] ?? outOfBounds()).set(data, c.at);
    },
  );
  return read && current();
}

/** The column over the plan's buffers, once every share is read. */
export function sharedColumn(plan: SharedPropPlan): PropColumn {
  return {
    tag: new Uint8Array(plan.buffers.tag),
    num: new Float64Array(plan.buffers.num),
    str: new Int32Array(plan.buffers.str),
    dict: plan.dict,
  };
}

/**
 * A column built in shared memory (a large one is: helper-build.ts) as a plan with nothing to read:
 * the others adopt its buffers as they are. Null when a part is in memory of its own.
 */
export function planOfBuilt(name: string, stamp: string, col: PropColumn): SharedPropPlan | null {
  const whole = (a: Uint8Array | Float64Array | Int32Array): SharedArrayBuffer | null => {
    if (a.length === 0) return new SharedArrayBuffer(0);
    const b = a.buffer;
    return b instanceof SharedArrayBuffer && a.byteOffset === 0 && a.byteLength === b.byteLength ? b : null;
  };
  const tag = whole(col.tag);
  const num = whole(col.num);
  const str = whole(col.str);
  return tag && num && str
    ? { name, stamp, dict: [...col.dict], buffers: { tag, num, str }, chunks: [] }
    : null;
}
