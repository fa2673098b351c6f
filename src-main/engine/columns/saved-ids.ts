import type Database from "better-sqlite3";
import { get, sql } from "../../db/sql.ts";
import { outOfBounds } from "../typed-index.ts";
import type { ArrayName } from "./saved-layout.ts";

// The saved arrays that hold ids of the workspace's rows: the users' ids and the events' seqs. The
// engine sizes arrays by the largest of them (ArrayTimeline.userIndexOf, its positions of seqs), so
// a saved file that says a user's id is 2^31 - 1 cost an 8 GB array, and as the ids were no longer
// those of the users, a user attribute's column came out wrong and was saved so. Each is checked
// against its table's own bounds (two look-ups on its primary key) when it is read; one that fails
// is stale, as any unreadable saved array is (load.ts).

interface Bounds {
  lo: number | null;
  hi: number | null;
}

/** Whether `array`, read as the saved `name`, holds ids the workspace's rows can have; true for the other arrays. */
export function idsFit(db: Database.Database, name: ArrayName, array: unknown): boolean {
  if (!(array instanceof Int32Array)) return true;
  if (name === "userIds") return ascendingWithin(array, userBounds(db));
  if (name === "seqs") return within(array, seqBounds(db));
  return true;
}

function userBounds(db: Database.Database): Bounds {
  return (
    get<Bounds>(db, sql`SELECT (SELECT min(id) FROM users) AS lo, (SELECT max(id) FROM users) AS hi`) ?? {
      lo: null,
      hi: null,
    }
  );
}

function seqBounds(db: Database.Database): Bounds {
  return (
    get<Bounds>(db, sql`SELECT (SELECT min(seq) FROM events) AS lo, (SELECT max(seq) FROM events) AS hi`) ?? {
      lo: null,
      hi: null,
    }
  );
}

/**
 * Users' ids: strictly ascending (user indexes follow users.id order, and a user is there once) from
 * the table's smallest id to its largest at most. The table's bounds rather than 1 and up: what a
 * rebuild from it makes must pass, or every open would rebuild.
 */
function ascendingWithin(ids: Int32Array, { lo, hi }: Bounds): boolean {
  if (ids.length === 0) return true;
  if (lo === null || hi === null) return false;
  if ((ids[0] ?? outOfBounds()) < lo || (ids[ids.length - 1] ?? outOfBounds()) > hi) return false;
  for (let i = 1; i < ids.length; i++)
    if ((ids[i] ?? outOfBounds()) <= (ids[i - 1] ?? outOfBounds())) return false;
  return true;
}

/** Events' seqs (in user and time order, so in no order of their own): each one of the table's range. */
function within(seqs: Int32Array, { lo, hi }: Bounds): boolean {
  if (seqs.length === 0) return true;
  if (lo === null || hi === null) return false;
  for (let i = 0; i < seqs.length; i++) {
    const seq = seqs[i] ?? outOfBounds();
    if (seq < lo || seq > hi) return false;
  }
  return true;
}
