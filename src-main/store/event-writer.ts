import type Database from "better-sqlite3";
import { statement, valueRows } from "../db/sql.ts";
import { CatalogTally, type Kind, writeCatalog } from "./catalog-tally.ts";

// Writes events and users into a workspace inside the caller's transaction: dictionary-encodes
// user ids and event names, skips duplicate insert ids, and keeps the catalog (event counts and
// time spans, property names and types) current, so that no reader ever has to scan the events
// to describe them. Used by every import path and by the demo builder.
//
// Speed: rows without an insert id are buffered and written by one 100-row INSERT statement (about
// 1.6x the rows per second of one statement per row); rows with an insert id go one at a time as
// INSERT OR IGNORE, so a duplicate is detected by the index itself instead of a look-up per row.

export type { Kind } from "./catalog-tally.ts";
export { mergeKind } from "./catalog-tally.ts";

export type PropValue = string | number | boolean | null;
export type Props = Record<string, PropValue>;

export const BATCH = 100;

function kindOf(v: PropValue): Kind | null {
  if (v === null) return null;
  return typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "string";
}

/** What the import's row encoder writes to: this writer, or the pipe to the inserting thread. */
export interface EventSink {
  eventId(name: string): number;
  /** false when the insert id was seen before (the event is skipped) */
  addEvent(user: string, eid: number, timeMs: number, json: string | null, insertId: string | null): boolean;
  noteProperty(eid: number, name: string, kind: Kind, count: number): void;
  setUser(externalId: string, attributes: Props, createdAt: number | null): void;
  /** A user known only from an identity link (an identify call names it): it must exist to merge into. */
  ensureUser(externalId: string): void;
  readonly added: number;
  readonly usersAdded: number;
}

/** The user and event-name dictionaries of a workspace, and the next free codes. */
export interface Dictionaries {
  users: Map<string, number>;
  names: Map<string, number>;
  nextUserId: number;
  nextNameId: number;
}

/** `withUsers` false: the users are left out (the two-thread import keys them by bytes, user-dict.ts). */
export function readDictionaries(db: Database.Database, withUsers = true): Dictionaries {
  const users = new Map<string, number>();
  const names = new Map<string, number>();
  let maxUser = 0;
  let maxName = 0;
  if (withUsers) {
    for (const [id, ext] of statement(db)`SELECT id, external_id FROM users`.raw().iterate() as Iterable<
      [number, string]
    >) {
      users.set(ext, id);
      if (id > maxUser) maxUser = id;
    }
  }
  for (const [id, name] of statement(db)`SELECT id, name FROM event_names`.raw().iterate() as Iterable<
    [number, string]
  >) {
    names.set(name, id);
    if (id > maxName) maxName = id;
  }
  return { users, names, nextUserId: maxUser + 1, nextNameId: maxName + 1 };
}

/**
 * Told each event row in the order it was inserted (so in seq order) and each new user: what an
 * import needs to build the engine's timeline without reading the table back (import/timeline.ts).
 */
export interface RowLog {
  add(uids: Int32Array, eids: Int32Array, times: Float64Array, n: number): void;
  addUsers(count: number): void;
}

const LOG_CHUNK = 4096;

/** Counts the attributes set, by kind, for the catalog. */
export function tallyAttributes(tally: CatalogTally, attributes: Props): void {
  for (const k in attributes) {
    const kind = kindOf(attributes[k] as PropValue);
    if (kind !== null) tally.userProperty(k, kind);
  }
}

/** Merges `attributes` over user `id`'s and sets its created_at when given. */
export function mergeUserAttributes(
  db: Database.Database,
  id: number,
  attributes: Props,
  createdAt: number | null,
): void {
  const row = statement(db)`SELECT attributes FROM users WHERE id = ?`.get(id) as {
    attributes: string | null;
  };
  const merged: Props = { ...(row.attributes ? (JSON.parse(row.attributes) as Props) : {}), ...attributes };
  statement(db)`UPDATE users SET attributes = ?, created_at = coalesce(?, created_at) WHERE id = ?`.run(
    JSON.stringify(merged),
    createdAt,
    id,
  );
}

export class EventWriter implements EventSink {
  private readonly db: Database.Database;
  private readonly importId: number | null;
  private readonly dict: Dictionaries;
  private readonly tally = new CatalogTally();
  private readonly insertEvent: Database.Statement;
  private readonly insertUser: Database.Statement;
  private readonly insertBatch: Database.Statement;
  private readonly insertOrIgnore: Database.Statement;
  private readonly batch: (number | string | null)[] = [];
  private batchRows = 0;
  private log: RowLog | null = null;
  private logU = new Int32Array(LOG_CHUNK);
  private logE = new Int32Array(LOG_CHUNK);
  private logT = new Float64Array(LOG_CHUNK);
  private logN = 0;
  added = 0;
  duplicates = 0;
  usersAdded = 0;

  constructor(db: Database.Database, importId: number | null, dict?: Dictionaries) {
    this.db = db;
    this.importId = importId;
    this.dict = dict ?? readDictionaries(db);
    this.insertEvent = statement(
      db,
    )`INSERT INTO events (user_id, event_id, time, import_id, properties) VALUES (?, ?, ?, ?, ?)`;
    this.insertUser = statement(db)`INSERT INTO users (id, external_id) VALUES (?, ?)`;
    this.insertBatch = statement(
      db,
    )`INSERT INTO events (user_id, event_id, time, import_id, properties) VALUES ${valueRows(BATCH, 5)}`;
    this.insertOrIgnore = statement(
      db,
    )`INSERT OR IGNORE INTO events (user_id, event_id, time, import_id, insert_id, properties) VALUES (?, ?, ?, ?, ?, ?)`;
  }

  /** Tells `log` every row and user this writer inserts from now on. */
  logRows(log: RowLog): void {
    this.log = log;
  }

  private logged(uid: number, eid: number, timeMs: number): void {
    const k = this.logN++;
    this.logU[k] = uid;
    this.logE[k] = eid;
    this.logT[k] = timeMs;
    if (this.logN === LOG_CHUNK) this.flushLog();
  }

  private flushLog(): void {
    if (!this.log || this.logN === 0) return;
    // the log keeps the arrays: start fresh ones
    this.log.add(this.logU, this.logE, this.logT, this.logN);
    this.logU = new Int32Array(LOG_CHUNK);
    this.logE = new Int32Array(LOG_CHUNK);
    this.logT = new Float64Array(LOG_CHUNK);
    this.logN = 0;
  }

  userId(externalId: string): number {
    let id = this.dict.users.get(externalId);
    if (id === undefined) {
      id = this.dict.nextUserId++;
      this.insertUser.run(id, externalId);
      this.dict.users.set(externalId, id);
      this.usersAdded++;
      this.log?.addUsers(1);
    }
    return id;
  }

  eventId(name: string): number {
    let id = this.dict.names.get(name);
    if (id === undefined) {
      id = this.dict.nextNameId++;
      statement(this.db)`INSERT INTO event_names (id, name) VALUES (?, ?)`.run(id, name);
      this.dict.names.set(name, id);
    }
    return id;
  }

  /** Adds one event; false when its insert id was seen before (the event is skipped). */
  add(
    user: string,
    event: string,
    timeMs: number,
    props: Props | null,
    insertId: string | null = null,
  ): boolean {
    const eid = this.eventId(event);
    let json: string | null = null;
    if (props) {
      for (const k in props) {
        if (props[k] !== null) {
          json = JSON.stringify(props);
          break;
        }
      }
    }
    if (!this.addEncoded(this.userId(user), eid, timeMs, json, insertId)) return false;
    if (json !== null && props) {
      for (const k in props) {
        const kind = kindOf(props[k] as PropValue);
        if (kind !== null) this.tally.property(eid, k, kind, 1);
      }
    }
    return true;
  }

  addEvent(user: string, eid: number, timeMs: number, json: string | null, insertId: string | null): boolean {
    return this.addEncoded(this.userId(user), eid, timeMs, json, insertId);
  }

  /**
   * Adds one event whose user and name are already codes and whose properties are already JSON;
   * the caller reports property names and types with noteProperty. False for a duplicate insert id.
   */
  addEncoded(
    uid: number,
    eid: number,
    timeMs: number,
    json: string | null,
    insertId: string | null,
  ): boolean {
    if (insertId !== null) {
      if (this.insertOrIgnore.run(uid, eid, timeMs, this.importId, insertId, json).changes === 0) {
        this.duplicates++;
        return false;
      }
      if (this.log) this.logged(uid, eid, timeMs);
    } else {
      this.batch.push(uid, eid, timeMs, this.importId, json);
      if (++this.batchRows === BATCH) this.flush();
    }
    this.tally.event(eid, timeMs);
    this.added++;
    return true;
  }

  /** Counts `count` events of `eid` that carry property `name` with values of `kind`. */
  noteProperty(eid: number, name: string, kind: Kind, count: number): void {
    this.tally.property(eid, name, kind, count);
  }

  private flush(): void {
    const b = this.batch;
    // spread: see Inserter.batch (arguments bind faster than an array's elements)
    if (this.batchRows === BATCH) this.insertBatch.run(...b);
    else for (let i = 0; i < b.length; i += 5) this.insertEvent.run(b.slice(i, i + 5));
    if (this.log)
      for (let i = 0; i < b.length; i += 5)
        this.logged(b[i] as number, b[i + 1] as number, b[i + 2] as number);
    this.batch.length = 0;
    this.batchRows = 0;
  }

  ensureUser(externalId: string): void {
    this.userId(externalId);
  }

  /** Sets a user's attributes (merged over earlier ones) and, when given, their created_at. */
  setUser(externalId: string, attributes: Props, createdAt: number | null): void {
    const id = this.userId(externalId);
    tallyAttributes(this.tally, attributes);
    mergeUserAttributes(this.db, id, attributes, createdAt);
  }

  /** Writes the catalog counters. Call once, inside the same transaction, after the last add. */
  finish(): void {
    if (this.batchRows > 0) this.flush();
    this.flushLog();
    writeCatalog(this.db, this.tally.take());
  }
}
