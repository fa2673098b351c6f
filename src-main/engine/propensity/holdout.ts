import type Database from "better-sqlite3";
import { statement } from "../../db/sql.ts";
import type { Timeline } from "../columns/types.ts";
import type { EngineContext } from "../context.ts";
import { storedHoldout } from "./holdout-table.ts";

// The fixed 20% of users held out for measuring a model: chosen by a hash of the user's external id
// (FNV-1a, 32 bits), so a user is held out or not whatever the query, the import order or the run.

export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function isHeldOut(externalId: string): boolean {
  return fnv1a(externalId) % 5 === 0;
}

/**
 * A user's side of the split: as recorded when the file's ids were pseudonymized (holdout-table.ts),
 * else by the hash of their id. Share records it with this too, so a copy of a copy keeps it.
 */
export function heldOutSide(db: Database.Database): (id: number, externalId: string) => boolean {
  const stored = storedHoldout(db);
  return (id, externalId) => stored?.get(id) ?? isHeldOut(externalId);
}

const cache = new WeakMap<Timeline, Uint8Array>();

/** 1 for each user index that is held out. */
export function heldOutUsers(ctx: EngineContext): Uint8Array {
  const { tl } = ctx;
  const hit = cache.get(tl);
  if (hit) return hit;
  const out = new Uint8Array(tl.nUsers);
  const side = heldOutSide(ctx.db);
  const rows = statement(ctx.db)`SELECT id, external_id FROM users`.raw(true).iterate();
  for (const row of rows) {
    const [id, ext] = row as [number, string];
    const u = tl.userIndexOf(id);
    if (u >= 0 && side(id, ext)) out[u] = 1;
  }
  cache.set(tl, out);
  return out;
}
