import type Database from "better-sqlite3";
import { StrataError } from "../../../src-preload/contract/errors.ts";
import { statement } from "../../db/sql.ts";
import { outOfBounds } from "../typed-index.ts";
import { buildArrays, readTimelineUsers, type TimelineArrays } from "./build.ts";
import { readArray, timesReader, withMmap } from "./read-saved.ts";
import { idsFit } from "./saved-ids.ts";
import { ARRAYS, type ArrayName, type SavedMeta, savedMeta, savedMetaAsKnown } from "./saved-layout.ts";
import { comparableStamp, readStamp } from "./stamp.ts";
import type { TimesShare } from "./times-share.ts";

// The timeline saved inside the workspace (engine_columns), so that opening is a plain copy of a
// few blobs instead of a scan of every event. A stamp says what the columns were built from;
// stale columns are rebuilt. save.ts writes them; read-saved.ts reads one array's rows.

/**
 * A lazy array's read, later than the open: only while the saved columns are still of the state the
 * open read (an import in another connection may have rewritten them since, and rows of the new
 * state would be read against the old offsets). Checked before and after the read, not inside one
 * transaction: the first access often comes while a statement of the same connection is still
 * stepping (a user column read row by row), where better-sqlite3 refuses to begin one. A rewrite
 * that commits during the read changes the stamp the second check reads. Both checks read the
 * stamp alone while it is the open's (savedMetaAsKnown: the whole layout is ~2,300 rows at 100M
 * events, 35-60 ms cold), and the read uses the open's layout as loadPart does (withLayout).
 */
function readLater<T>(db: Database.Database, opened: SavedMeta, read: (meta: SavedMeta) => T): T {
  const { stamp } = opened;
  const value = withLayout(db, opened, (meta) => {
    if (!meta || meta.stamp !== stamp) throw changedSinceOpen();
    return read(meta);
  });
  if (savedMetaAsKnown(db, opened)?.stamp !== stamp) throw changedSinceOpen();
  return value;
}

/**
 * `read` with the layout `known` lists while the saved stamp is its, else with the file's own (null
 * when none can be read). A read with `known` that throws, its rows not those the layout lists
 * (saved again under the same stamp by a version that cuts its chunks otherwise), is made again
 * with the file's own layout.
 */
function withLayout<T>(
  db: Database.Database,
  known: SavedMeta | undefined,
  read: (meta: SavedMeta | null) => T,
): T {
  const meta = savedMetaAsKnown(db, known);
  if (meta !== known) return read(meta);
  try {
    return read(meta);
  } catch {
    return read(savedMeta(db));
  }
}

function changedSinceOpen(): StrataError {
  return new StrataError("cancelled", "the workspace's events changed while the query ran: run it again");
}

/** One array as `meta` says it is saved; null when unreadable, or when it holds ids no row has (saved-ids.ts). */
function readChecked(
  db: Database.Database,
  meta: SavedMeta,
  name: ArrayName,
  ctor: (typeof ARRAYS)[number]["ctor"],
  blob: Database.Statement,
  shared: boolean,
): unknown {
  const array = readArray(meta, name, ctor, blob, shared);
  return idsFit(db, name, array) ? array : null;
}

/**
 * A lazy array whose saved copy fails its check (readChecked), made from the tables instead: the
 * query that asked for it is under way, with the other arrays in use, so the saved columns cannot
 * be rebuilt for it (an open that reads the array at once rebuilds them). Only the users are read
 * for their ids; the seqs take the whole build. The tables must still be of the open's state, and
 * make an array as long as the saved one (else the saved columns were not made from them).
 */
function fromTables(db: Database.Database, opened: SavedMeta, name: ArrayName): unknown {
  const stamp = comparableStamp(opened.stamp);
  if (readStamp(db) !== stamp) throw changedSinceOpen();
  const array = name === "userIds" ? readTimelineUsers(db).userIds : buildArrays(db)[name];
  if (readStamp(db) !== stamp) throw changedSinceOpen();
  if (array.length !== opened.saved.get(name)?.length)
    throw new StrataError(
      "corrupt",
      `the workspace is damaged: its saved engine columns (${name}) do not match its tables`,
    );
  return array;
}

/** Arrays most queries do not read: loaded on first access when `lazy`. */
export const RARELY = ["seqs", "userIds", "createdAt"] as const satisfies readonly ArrayName[];
export type RarelyRead = (typeof RARELY)[number];

/**
 * The rarely read arrays a lazy pool's workers leave out of the open (WorkerInit.lazy): the
 * per-event seqs (4 bytes an event) and the users' ids. The users' creation times stay in: lifecycle
 * and most metric kinds read them, and two workers each reading their own copy on first access
 * took a 10M-event lifecycle from 67 to 101-116 ms.
 */
export const LATER_IN_WORKERS: readonly RarelyRead[] = ["seqs", "userIds"];

/**
 * A timeline that may lack the rarely read arrays: what query workers share when each loads those
 * itself on first access (withRarely).
 */
export type CoreTimeline = Omit<TimelineArrays, RarelyRead> & Partial<Pick<TimelineArrays, RarelyRead>>;

/**
 * The stamp the saved timeline was built for, in readStamp's form; null when there is none (or of
 * another version, or unreadable).
 */
export function savedStamp(db: Database.Database): string | null {
  const meta = savedMeta(db);
  return meta ? comparableStamp(meta.stamp) : null;
}

/**
 * The largest code, read two codes at a time as 32-bit words: this runs over every event on each
 * open. (A bitwise OR, the earlier bound, is above the name count whenever the count is not a power
 * of two, and then cost a second pass over every code.)
 */
function maxOfCodes(codes: Uint16Array): number {
  const words =
    codes.byteOffset % 4 === 0 ? new Uint32Array(codes.buffer, codes.byteOffset, codes.length >>> 1) : null;
  let max = 0;
  let i = 0;
  if (words) {
    for (let w = 0; w < words.length; w++) {
      const word = words[w] ?? outOfBounds();
      const low = word & 0xffff;
      const high = word >>> 16;
      if (low > max) max = low;
      if (high > max) max = high;
    }
    i = words.length * 2;
  }
  for (; i < codes.length; i++) {
    const code = codes[i] ?? outOfBounds();
    if (code > max) max = code;
  }
  return max;
}

/** Offsets that start at 0, never go back and end at the event count; codes that name an event. */
function consistent(offsets: Int32Array, codes: Uint16Array, nNames: number, codesChecked: boolean): boolean {
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== codes.length) return false;
  for (let i = 1; i < offsets.length; i++)
    if ((offsets[i] ?? outOfBounds()) < (offsets[i - 1] ?? outOfBounds())) return false;
  return codesChecked || codes.length === 0 || maxOfCodes(codes) < nNames;
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
  const part = loadPart(
    db,
    ARRAYS.map((a) => a.name),
    shared,
    lazy ? RARELY : [],
    stamp,
  );
  return part ? joinParts([part]) : null;
}

/** Some of the saved timeline's arrays, with the meta they belong to (see OPEN_PARTS). */
export interface ColumnPart {
  stamp: string;
  eventNames: string[];
  arrays: Partial<Pick<TimelineArrays, ArrayName>>;
  /** the chunks of times this reader decoded into a shared array (times-share.ts), if any */
  timesRead?: { from: number; to: number };
}

/**
 * The arrays two query workers read at once when the app opens a workspace, about half the bytes
 * each: the times alone, and the rest. The offsets and the codes are in one part, so that the worker
 * reading them checks them before they are shared.
 */
export const OPEN_PARTS: readonly (readonly ArrayName[])[] = [
  ["times"],
  ["userOffsets", "eventCodes", "seqs", "userIds", "createdAt"],
];

/**
 * The named arrays of the saved timeline when it matches the events, else null. `later`: arrays
 * read on first access. Parts read by different connections are of one state when their stamps are.
 * `times`: chunks of times to decode into a shared array (times-share.ts), which must be of the
 * state and layout the plan was made from. `known`: a layout read a moment ago by another
 * connection (the plan's), used while the saved stamp is its (savedMetaAsKnown).
 */
export function loadPart(
  db: Database.Database,
  names: readonly ArrayName[],
  shared = false,
  later: readonly ArrayName[] = [],
  stamp = readStamp(db),
  times?: TimesShare,
  known: SavedMeta | undefined = times?.meta,
): ColumnPart | null {
  // the check of the offsets against the codes needs both: a part never holds one without the other
  if (names.includes("userOffsets") !== names.includes("eventCodes"))
    throw new Error("the offsets and the event codes are read together");
  return withLayout(db, known, (meta) => partOf(db, meta, names, shared, later, stamp, times));
}

/** loadPart with the layout `meta`. */
function partOf(
  db: Database.Database,
  meta: SavedMeta | null,
  names: readonly ArrayName[],
  shared: boolean,
  later: readonly ArrayName[],
  stamp: string,
  times: TimesShare | undefined,
): ColumnPart | null {
  // the arrays keep the stamp as saved: property columns saved beside them are keyed by it
  if (!meta || comparableStamp(meta.stamp) !== stamp) return null;
  const blob = statement(db)`SELECT data FROM engine_columns WHERE name = ?`.pluck();
  const arrays: Partial<Record<ArrayName, unknown>> = {};
  const eager: { name: ArrayName; read: () => unknown }[] = [];
  const timesRead = times ? timesReader(times, meta, blob) : undefined;
  if (timesRead === null) return null;
  for (const { name, ctor } of ARRAYS) {
    if (!names.includes(name)) continue;
    if (!meta.saved.has(name)) return null;
    if (later.includes(name)) {
      let cached: unknown = null;
      Object.defineProperty(arrays, name, {
        enumerable: true,
        // with the open's layout while the saved stamp is the open's, else the file's own
        // (readLater): the open's may have been another connection's (loadPart's `known`)
        get: () => {
          cached ??=
            readLater(db, meta, (now) => readChecked(db, now, name, ctor, blob, shared)) ??
            fromTables(db, meta, name);
          return cached;
        },
      });
    } else eager.push({ name, read: () => readChecked(db, meta, name, ctor, blob, shared) });
  }
  let unreadable = false;
  withMmap(db, () => {
    timesRead?.();
    for (const { name, read } of eager) {
      arrays[name] = read();
      unreadable ||= arrays[name] === null;
    }
  });
  if (unreadable) return null;
  const part: ColumnPart = {
    stamp: meta.stamp,
    eventNames: meta.eventNames,
    arrays: arrays as ColumnPart["arrays"],
    ...(times ? { timesRead: { from: times.from, to: times.to } } : {}),
  };
  const { userOffsets, eventCodes } = part.arrays;
  // codes saved as bytes were checked while they were widened
  const codesChecked = meta.saved.get("eventCodes")?.form === "u8";
  if (userOffsets && eventCodes && !consistent(userOffsets, eventCodes, meta.eventNames.length, codesChecked))
    return null;
  return part;
}

/**
 * The part with only the arrays it holds as values: a lazy array's getter is dropped instead of
 * being called (posting a part to another thread would read every lazy array to copy it).
 */
export function ownArrays(part: ColumnPart): ColumnPart {
  const arrays: ColumnPart["arrays"] = {};
  for (const { name } of ARRAYS) {
    const property = Object.getOwnPropertyDescriptor(part.arrays, name);
    if (property && "value" in property)
      Object.defineProperty(arrays, name, { ...property, enumerable: true });
  }
  return { ...part, arrays };
}

/**
 * The timeline from its parts when they are of one saved state and hold every array between them
 * (each array once), else null. Lazy arrays stay lazy: their getters are copied, not called.
 */
export function joinParts(parts: readonly (ColumnPart | null)[]): TimelineArrays | null {
  return joinSome(parts, []) as TimelineArrays | null;
}

/** joinParts where the rarely read arrays may be held by no part (each reader loads them: withRarely). */
export function joinCore(parts: readonly (ColumnPart | null)[]): CoreTimeline | null {
  return joinSome(parts, RARELY);
}

/**
 * `core` with the rarely read arrays it lacks loaded from `db` on first access, by this reader for
 * itself; null when the saved columns are no longer those `core` was read from. `known`: the layout
 * the open read (savedMetaAsKnown).
 */
export function withRarely(
  db: Database.Database,
  core: CoreTimeline,
  known?: SavedMeta,
): TimelineArrays | null {
  const { stamp, eventNames, ...arrays } = core;
  const own: ColumnPart = { stamp, eventNames, arrays };
  const missing = RARELY.filter((name) => !Object.hasOwn(arrays, name));
  if (missing.length === 0) return joinParts([own]);
  return joinParts([own, loadPart(db, missing, false, missing, undefined, undefined, known)]);
}

function joinSome(parts: readonly (ColumnPart | null)[], absent: readonly ArrayName[]): CoreTimeline | null {
  const [first] = parts;
  const names = first?.eventNames.join("\n");
  if (!first || parts.some((p) => p === null || p.stamp !== first.stamp || p.eventNames.join("\n") !== names))
    return null;
  const out: Partial<TimelineArrays> = { stamp: first.stamp, eventNames: first.eventNames };
  for (const { name } of ARRAYS) {
    const holders = parts.filter((p) => p !== null && Object.hasOwn(p.arrays, name));
    const holder = holders[0];
    if (holders.length === 0 && absent.includes(name)) continue;
    if (holders.length !== 1 || !holder) return null;
    const property = Object.getOwnPropertyDescriptor(holder.arrays, name);
    if (property) Object.defineProperty(out, name, { ...property, enumerable: true });
  }
  const joined = out as CoreTimeline;
  // parts read apart must describe the same events (an eager array is a value, never a getter)
  const times = Object.getOwnPropertyDescriptor(out, "times")?.value;
  const codes = Object.getOwnPropertyDescriptor(out, "eventCodes")?.value;
  if (times instanceof Float64Array && codes instanceof Uint16Array && times.length !== codes.length)
    return null;
  return joined;
}
