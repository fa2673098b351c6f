import type Database from "better-sqlite3";
import { StrataError } from "../../../src-preload/contract/errors.ts";
import { statement } from "../../db/sql.ts";
import { outOfBounds } from "../typed-index.ts";
import { checkDenseIds } from "./dense-ids.ts";
import { mergeIdentities } from "./identity.ts";
import { release } from "./release.ts";
import { readStamp } from "./stamp.ts";

/** The raw arrays of a Timeline (what is persisted in engine_columns). */
export interface TimelineArrays {
  userOffsets: Int32Array;
  eventCodes: Uint16Array;
  times: Float64Array;
  seqs: Int32Array;
  userIds: Int32Array;
  createdAt: Float64Array;
  eventNames: string[];
  stamp: string;
}

export function readEventNames(db: Database.Database): string[] {
  const names: string[] = [];
  for (const [id, name] of statement(db)`SELECT id, name FROM event_names ORDER BY id`
    .raw()
    .iterate() as Iterable<[number, string]>) {
    if (id > 0xffff) throw new Error("more than 65,535 event names: the engine cannot encode them");
    while (names.length < id) names.push("");
    names[id] = name;
  }
  return names;
}

/**
 * Events in memory, in seq order: `n` rows of user id, event name id and time. Without `seqs` the
 * rows are numbered consecutively (see buildArraysFrom). The arrays are read, never kept.
 */
export interface EventChunk {
  n: number;
  uids: Int32Array;
  eids: Int32Array | Uint16Array;
  times: Float64Array;
  seqs?: Int32Array;
}

/** Builds the timeline from the events table, read once in seq order. */
export function buildArrays(db: Database.Database): TimelineArrays {
  // read before the events: a write in between leaves the columns stale, never wrongly current
  const stamp = readStamp(db);
  const nEv = (statement(db)`SELECT count(*) AS n FROM events`.get() as { n: number }).n;
  const uids = new Int32Array(nEv);
  const eids = new Uint16Array(nEv);
  const times = new Float64Array(nEv);
  const seqs = new Int32Array(nEv);
  let n = 0;
  for (const [seq, uid, eid, t] of statement(db)`SELECT seq, user_id, event_id, time FROM events ORDER BY seq`
    .raw()
    .iterate() as Iterable<[number, number, number, unknown]>) {
    if (n >= nEv) break;
    // the column is INTEGER NOT NULL, but a table that is not STRICT keeps any text it is given: a
    // damaged or hostile file's time would become NaN, which falls in some period of every report
    if (typeof t !== "number" || Number.isNaN(t)) throw notATime(seq, t);
    uids[n] = uid;
    eids[n] = eid;
    times[n] = t;
    seqs[n] = seq;
    n++;
  }
  return buildArraysFrom(db, [{ n, uids, eids, times, seqs }], 1, stamp);
}

function notATime(seq: number, value: unknown): StrataError {
  const shown = typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : String(value);
  return new StrataError(
    "corrupt",
    `the workspace is damaged: event ${seq} has the time ${shown}, not a number`,
  );
}

/**
 * The timeline of the workspace's users and the given events (all of them, in seq order). Rows of a
 * chunk without `seqs` are numbered firstSeq, firstSeq + 1... across chunks: what SQLite gives rows
 * inserted in that order into an events table whose highest seq was firstSeq - 1. Clustered by user
 * with a counting sort (stable, so seq order survives), then each user's slice sorted by time (it
 * usually already is, so the check is all it costs). Events of users not in the table are left out.
 * `stamp`: what the events are, read before them when they come from another connection's view.
 * `consume`: free the chunks' arrays as they are copied (see groupByUser).
 */
export function buildArraysFrom(
  db: Database.Database,
  chunks: readonly EventChunk[],
  firstSeq = 1,
  stamp = readStamp(db),
  users: WorkspaceUsers = readTimelineUsers(db),
  consume = false,
): TimelineArrays {
  return withUsers(
    db,
    groupByUser(users.indexOfId, users.userIds.length, chunks, firstSeq, consume),
    users,
    stamp,
  );
}

/** The timeline of events grouped by groupByUser for `users`, with the workspace's event names. */
export function withUsers(
  db: Database.Database,
  runs: UserRuns,
  users: Pick<WorkspaceUsers, "userIds" | "createdAt">,
  stamp: string,
): TimelineArrays {
  const { userOffsets, eventCodes, times, seqs } = runs;
  const { userIds, createdAt } = users;
  return { userOffsets, eventCodes, times, seqs, userIds, createdAt, eventNames: readEventNames(db), stamp };
}

/** The events of each user (by index in id order), in time order with seq breaking ties. */
export interface UserRuns {
  userOffsets: Int32Array;
  eventCodes: Uint16Array;
  times: Float64Array;
  seqs: Int32Array;
}

/**
 * The grouping and sort of buildArraysFrom, without reading the workspace. With `consume`, the
 * chunks' arrays are freed (release.ts) as soon as they are copied: the times first, in a pass of
 * their own, then the rest, so that at 100M events the import's peak holds the 800 MB of input
 * times or the codes and seqs out, never both (a row's place is the same in both passes: the same
 * cursor per user, run again).
 */
export function groupByUser(
  indexOfId: Int32Array,
  nUsers: number,
  chunks: readonly EventChunk[],
  firstSeq: number,
  consume = false,
): UserRuns {
  const userOffsets = new Int32Array(nUsers + 1);
  let nEvents = 0;
  for (const chunk of chunks) {
    for (let k = 0; k < chunk.n; k++) {
      const ui = indexOfId[chunk.uids[k] ?? outOfBounds()] ?? -1;
      if (ui < 0) continue;
      userOffsets[ui + 1] = (userOffsets[ui + 1] ?? outOfBounds()) + 1;
      nEvents++;
    }
  }
  offsetsFromCounts(userOffsets);
  const times = new Float64Array(nEvents);
  let fill = userOffsets.slice(0, nUsers);
  for (const chunk of chunks) {
    const { uids, times: chunkTimes } = chunk;
    for (let k = 0; k < chunk.n; k++) {
      const ui = indexOfId[uids[k] ?? outOfBounds()] ?? -1;
      if (ui < 0) continue;
      const pos = fill[ui] ?? outOfBounds();
      fill[ui] = pos + 1;
      times[pos] = chunkTimes[k] ?? outOfBounds();
    }
    if (consume) release(chunkTimes);
  }
  const eventCodes = new Uint16Array(nEvents);
  const seqs = new Int32Array(nEvents);
  fill = userOffsets.slice(0, nUsers);
  let next = firstSeq;
  for (const chunk of chunks) {
    const { uids, eids, seqs: chunkSeqs } = chunk;
    for (let k = 0; k < chunk.n; k++) {
      const seq = chunkSeqs ? (chunkSeqs[k] ?? outOfBounds()) : next++;
      const ui = indexOfId[uids[k] ?? outOfBounds()] ?? -1;
      if (ui < 0) continue;
      const pos = fill[ui] ?? outOfBounds();
      fill[ui] = pos + 1;
      eventCodes[pos] = eids[k] ?? outOfBounds();
      seqs[pos] = seq;
    }
    if (consume) {
      release(uids);
      release(eids);
      if (chunkSeqs) release(chunkSeqs);
    }
  }
  const runs = { userOffsets, eventCodes, times, seqs };
  sortRuns(runs);
  return runs;
}

/** Turns per-user event counts, each held at its user's index + 1, into the users' offsets, in place. */
export function offsetsFromCounts(userOffsets: Int32Array): void {
  for (let i = 1; i < userOffsets.length; i++)
    userOffsets[i] = (userOffsets[i - 1] ?? outOfBounds()) + (userOffsets[i] ?? outOfBounds());
}

/** Sorts each user's events of `runs` by time, seq breaking ties (sortSlice). */
export function sortRuns(runs: UserRuns): void {
  const { userOffsets, eventCodes, times, seqs } = runs;
  for (let user = 0; user + 1 < userOffsets.length; user++)
    sortSlice(
      userOffsets[user] ?? outOfBounds(),
      userOffsets[user + 1] ?? outOfBounds(),
      eventCodes,
      times,
      seqs,
    );
}

/** The users in id order, and each id's index in that order (-1: no such user). */
export interface WorkspaceUsers {
  userIds: Int32Array;
  createdAt: Float64Array;
  indexOfId: Int32Array;
}

/**
 * `users` and then `count` new users with ids from `firstId` on (all above the others) and no
 * created_at: what readUsers returns after an event import added them, without reading them back.
 */
export function withNewUsers(users: WorkspaceUsers, firstId: number, count: number): WorkspaceUsers {
  const n = users.userIds.length;
  const last = n > 0 ? (users.userIds[n - 1] ?? outOfBounds()) : 0;
  if (count > 0 && firstId <= last) throw new Error(`new user ids must follow ${last} (got ${firstId})`);
  const userIds = new Int32Array(n + count);
  userIds.set(users.userIds);
  const createdAt = new Float64Array(n + count).fill(Number.NaN);
  createdAt.set(users.createdAt);
  const maxId = count > 0 ? firstId + count - 1 : last;
  const indexOfId = new Int32Array(maxId + 1).fill(-1);
  indexOfId.set(users.indexOfId.subarray(0, Math.min(users.indexOfId.length, maxId + 1)));
  for (let k = 0; k < count; k++) {
    userIds[n + k] = firstId + k;
    indexOfId[firstId + k] = n + k;
  }
  return { userIds, createdAt, indexOfId };
}

/** The users as the timeline groups them: readUsers after the identity merge (identity.ts). */
export function readTimelineUsers(db: Database.Database): WorkspaceUsers {
  return mergeIdentities(db, readUsers(db));
}

export function readUsers(db: Database.Database): WorkspaceUsers {
  const users = statement(db)`SELECT id, created_at FROM users ORDER BY id`.raw().all() as [
    number,
    number | null,
  ][];
  const nUsers = users.length;
  const userIds = new Int32Array(nUsers);
  const createdAt = new Float64Array(nUsers);
  const maxId = nUsers > 0 ? (users[nUsers - 1] ?? outOfBounds())[0] : 0;
  checkDenseIds(db, "user", maxId, nUsers);
  const indexOfId = new Int32Array(maxId + 1).fill(-1);
  for (let i = 0; i < nUsers; i++) {
    const [id, c] = users[i] ?? outOfBounds();
    userIds[i] = id;
    createdAt[i] = c ?? Number.NaN;
    indexOfId[id] = i;
  }
  return { userIds, createdAt, indexOfId };
}

/** Longer slices than this are sorted through an index array; shorter ones in place. */
const INSERTION_MAX = 32;

/** Sorts one user's events by time, seq breaking ties; a slice already in order costs one pass. */
function sortSlice(
  from: number,
  to: number,
  codes: Uint16Array,
  times: Float64Array,
  seqs: Int32Array,
): void {
  let sorted = true;
  for (let i = from + 1; i < to; i++) {
    if ((times[i] ?? outOfBounds()) < (times[i - 1] ?? outOfBounds())) {
      sorted = false;
      break;
    }
  }
  if (sorted) return;
  if (to - from <= INSERTION_MAX) {
    // most users have a few events: an insertion sort on the arrays allocates nothing
    for (let i = from + 1; i < to; i++) {
      const time = times[i] ?? outOfBounds();
      const seq = seqs[i] ?? outOfBounds();
      const code = codes[i] ?? outOfBounds();
      let j = i - 1;
      while (
        j >= from &&
        ((times[j] ?? outOfBounds()) > time ||
          ((times[j] ?? outOfBounds()) === time && (seqs[j] ?? outOfBounds()) > seq))
      ) {
        times[j + 1] = times[j] ?? outOfBounds();
        seqs[j + 1] = seqs[j] ?? outOfBounds();
        codes[j + 1] = codes[j] ?? outOfBounds();
        j--;
      }
      times[j + 1] = time;
      seqs[j + 1] = seq;
      codes[j + 1] = code;
    }
    return;
  }
  sortByTimeAndSeq(from, to, codes, times, seqs);
}

/** Puts events [a, b) in (time, seq) order: seq breaks ties, so one instant keeps import order. */
export function sortByTimeAndSeq(
  a: number,
  b: number,
  codes: Uint16Array,
  times: Float64Array,
  seqs: Int32Array,
): void {
  const idx: number[] = new Array(b - a);
  for (let i = 0; i < b - a; i++) idx[i] = a + i;
  idx.sort(
    (x, y) =>
      (times[x] ?? outOfBounds()) - (times[y] ?? outOfBounds()) ||
      (seqs[x] ?? outOfBounds()) - (seqs[y] ?? outOfBounds()),
  );
  const c = idx.map((i) => codes[i] ?? outOfBounds());
  const t = idx.map((i) => times[i] ?? outOfBounds());
  const s = idx.map((i) => seqs[i] ?? outOfBounds());
  codes.set(c, a);
  times.set(t, a);
  seqs.set(s, a);
}
