import type Database from "better-sqlite3";
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
  for (const [id, name] of db
    .prepare("SELECT id, name FROM event_names ORDER BY id")
    .raw()
    .iterate() as Iterable<[number, string]>) {
    if (id > 0xffff) throw new Error("more than 65,535 event names: the engine cannot encode them");
    while (names.length < id) names.push("");
    names[id] = name;
  }
  return names;
}

/**
 * Builds the timeline from the events table: read once in seq order, clustered by user with a
 * counting sort (stable, so seq order survives), then each user's slice sorted by time (it usually
 * already is, so the check is all it costs).
 */
export function buildArrays(db: Database.Database): TimelineArrays {
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
  const nEv = (db.prepare("SELECT count(*) AS n FROM events").get() as { n: number }).n;
  const rawUser = new Int32Array(nEv);
  const rawCode = new Uint16Array(nEv);
  const rawTime = new Float64Array(nEv);
  const rawSeq = new Int32Array(nEv);
  const counts = new Int32Array(nUsers + 1);
  let n = 0;
  for (const [seq, uid, eid, t] of db
    .prepare("SELECT seq, user_id, event_id, time FROM events ORDER BY seq")
    .raw()
    .iterate() as Iterable<[number, number, number, number]>) {
    if (n >= nEv) break;
    const ui = indexOfId[uid] ?? -1;
    if (ui < 0) continue;
    rawUser[n] = ui;
    rawCode[n] = eid;
    rawTime[n] = t;
    rawSeq[n] = seq;
    counts[ui + 1] = (counts[ui + 1] as number) + 1;
    n++;
  }
  const userOffsets = new Int32Array(nUsers + 1);
  for (let i = 0; i < nUsers; i++)
    userOffsets[i + 1] = (userOffsets[i] as number) + (counts[i + 1] as number);
  const fill = userOffsets.slice(0, nUsers);
  const eventCodes = new Uint16Array(n);
  const times = new Float64Array(n);
  const seqs = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const ui = rawUser[k] as number;
    const p = fill[ui] as number;
    fill[ui] = p + 1;
    eventCodes[p] = rawCode[k] as number;
    times[p] = rawTime[k] as number;
    seqs[p] = rawSeq[k] as number;
  }
  for (let u = 0; u < nUsers; u++)
    sortSlice(userOffsets[u] as number, userOffsets[u + 1] as number, eventCodes, times, seqs);
  return { userOffsets, eventCodes, times, seqs, userIds, createdAt, eventNames: readEventNames(db), stamp };
}

function sortSlice(a: number, b: number, codes: Uint16Array, times: Float64Array, seqs: Int32Array): void {
  let sorted = true;
  for (let i = a + 1; i < b; i++) {
    if ((times[i] as number) < (times[i - 1] as number)) {
      sorted = false;
      break;
    }
  }
  if (sorted) return;
  const idx = Array.from({ length: b - a }, (_, i) => a + i);
  // seq breaks ties: events at the same instant stay in import order
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
