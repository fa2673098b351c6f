import type Database from "better-sqlite3";
import { statement } from "../../db/sql.ts";
import { buildArrays, type TimelineArrays } from "./build.ts";
import { readStamp } from "./stamp.ts";

// The timeline saved inside the workspace (engine_columns), so that opening is a plain copy of a
// few blobs instead of a scan of every event. A stamp says what the columns were built from;
// stale columns are rebuilt.

export const COLUMNS_VERSION = 1;

type ArrayName = "userOffsets" | "eventCodes" | "times" | "seqs" | "userIds" | "createdAt";
const ARRAYS: { name: ArrayName; ctor: typeof Int32Array | typeof Uint16Array | typeof Float64Array }[] = [
  { name: "userOffsets", ctor: Int32Array },
  { name: "eventCodes", ctor: Uint16Array },
  { name: "times", ctor: Float64Array },
  { name: "seqs", ctor: Int32Array },
  { name: "userIds", ctor: Int32Array },
  { name: "createdAt", ctor: Float64Array },
];

function bytes(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Writes the given (or freshly built) timeline into engine_columns, replacing what was there. */
export function writeColumns(db: Database.Database, arrays: TimelineArrays): void {
  const put = statement(
    db,
  )`INSERT OR REPLACE INTO engine_columns (name, version, built_at, data) VALUES (?, ?, ?, ?)`;
  const now = Date.now();
  db.transaction(() => {
    // property columns were built against the old timeline: drop them with it
    statement(db)`DELETE FROM engine_columns WHERE name LIKE 'timeline.%' OR name LIKE '%prop.%'`.run();
    for (const { name } of ARRAYS) put.run(`timeline.${name}`, COLUMNS_VERSION, now, bytes(arrays[name]));
    const meta = JSON.stringify({ stamp: arrays.stamp, eventNames: arrays.eventNames });
    put.run("timeline.meta", COLUMNS_VERSION, now, Buffer.from(meta, "utf8"));
  })();
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

/** Arrays most queries do not read: loaded on first access when `lazy`. */
const RARELY: readonly ArrayName[] = ["seqs", "userIds", "createdAt"];

interface Meta {
  stamp: string;
  eventNames: string[];
}

/**
 * The saved timeline's meta when every part is there, of this version, readable and of sizes that fit
 * together; else null. The file may be untrusted or damaged: unreadable columns count as stale (they
 * are rebuilt from the events, the source of truth) instead of crashing whoever opens them.
 */
function savedMeta(db: Database.Database): Meta | null {
  const rows = statement(
    db,
  )`SELECT name, version, typeof(data), length(data) FROM engine_columns WHERE name LIKE 'timeline.%'`
    .raw()
    .all() as [string, unknown, string, number][];
  const bytes = new Map<string, number>();
  for (const [name, version, type, size] of rows)
    if (version === COLUMNS_VERSION && type === "blob") bytes.set(name, size);
  if (!bytes.has("timeline.meta")) return null;
  const len = (name: ArrayName, per: number): number => {
    const b = bytes.get(`timeline.${name}`);
    return b === undefined || b % per !== 0 ? -1 : b / per;
  };
  const nUsers = len("userOffsets", 4) - 1;
  const nEvents = len("times", 8);
  if (nUsers < 0 || nEvents < 0) return null;
  if (len("eventCodes", 2) !== nEvents || len("seqs", 4) !== nEvents) return null;
  if (len("userIds", 4) !== nUsers || len("createdAt", 8) !== nUsers) return null;
  return readMeta(db);
}

/** The stamp the saved timeline was built for; null when there is none (or of another version, or unreadable). */
export function savedStamp(db: Database.Database): string | null {
  return savedMeta(db)?.stamp ?? null;
}

function readMeta(db: Database.Database): Meta | null {
  const blob = statement(db)`SELECT data FROM engine_columns WHERE name = 'timeline.meta'`.pluck().get();
  if (!Buffer.isBuffer(blob)) return null;
  let meta: unknown;
  try {
    meta = JSON.parse(blob.toString("utf8"));
  } catch {
    return null;
  }
  const m = meta as Partial<Meta> | null;
  if (!m || typeof m !== "object" || typeof m.stamp !== "string" || !Array.isArray(m.eventNames)) return null;
  if (!m.eventNames.every((n) => typeof n === "string")) return null;
  return { stamp: m.stamp, eventNames: m.eventNames };
}

/** Offsets that start at 0, never go back and end at the event count; codes that name an event. */
function consistent(offsets: Int32Array, codes: Uint16Array, nNames: number): boolean {
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== codes.length) return false;
  for (let i = 1; i < offsets.length; i++)
    if ((offsets[i] as number) < (offsets[i - 1] as number)) return false;
  for (let i = 0; i < codes.length; i++) if ((codes[i] as number) >= nNames) return false;
  return true;
}

/**
 * The saved timeline when it matches the events, else null. With `lazy`, seqs, userIds and
 * createdAt are read from the workspace on first access (a one-shot query rarely needs them).
 * `stamp`: the state it must have been built for, when not the workspace's now (an import that
 * checked the columns before writing loads them at its end).
 */
export function loadColumns(
  db: Database.Database,
  shared = false,
  lazy = false,
  stamp = readStamp(db),
): TimelineArrays | null {
  const meta = savedMeta(db);
  if (!meta || meta.stamp !== stamp) return null;
  const blob = statement(db)`SELECT data FROM engine_columns WHERE name = ?`.pluck();
  const out: Partial<TimelineArrays> = { stamp: meta.stamp, eventNames: meta.eventNames };
  for (const { name, ctor } of ARRAYS) {
    const read = () => copyInto(ctor as typeof Float64Array, blob.get(`timeline.${name}`) as Buffer, shared);
    if (lazy && RARELY.includes(name)) {
      let cached: unknown = null;
      Object.defineProperty(out, name, {
        enumerable: true,
        get: () => {
          cached ??= read();
          return cached;
        },
      });
    } else (out as Record<string, unknown>)[name] = read();
  }
  const arrays = out as TimelineArrays;
  return consistent(arrays.userOffsets, arrays.eventCodes, meta.eventNames.length) ? arrays : null;
}
