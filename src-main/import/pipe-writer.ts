import { outOfBounds } from "../engine/typed-index.ts";
import { type CatalogDelta, CatalogTally, type Kind } from "../store/catalog-tally.ts";
import { type Dictionaries, type EventSink, type Props, tallyAttributes } from "../store/event-writer.ts";
import type { UserDict } from "./user-dict.ts";

// The parsing thread's side of a two-thread import: assigns user and event-name codes, tallies
// the catalog, and ships rows to the inserting thread in batches of typed arrays and one byte
// buffer of properties JSON, all transferred rather than copied. The byte encoder
// (byte-row-encoder.ts) writes each row's JSON into `out` itself; rows that come as strings are
// written here.

export const PIPE_BATCH = 4096;

const NEWLINE = 10;

export interface BatchMessage {
  type: "batch";
  importId: number;
  n: number;
  uids: Int32Array;
  eids: Int32Array;
  times: Float64Array;
  /** the rows' properties JSON in UTF-8, each ended by "\n" (an empty line for none) */
  props: Uint8Array;
  /** the users new in this batch, in code order, from code `firstNewUser` */
  newUsers: string[];
  firstNewUser: number;
  newNames: [number, string][];
}

/** What the inserting thread applies after a file's last batch. */
export interface SinkEnd {
  delta: CatalogDelta;
  /** user attributes from event rows (presets with user attribute columns): [user code, attributes] */
  attributes: [number, Props][];
}

function outBuffer(size: number): Buffer {
  // its own ArrayBuffer (not the pool's), so that it can be transferred
  return Buffer.from(new ArrayBuffer(size));
}

export class PipeWriter implements EventSink {
  private readonly dict: Dictionaries;
  private readonly users: UserDict;
  private readonly importId: number;
  private readonly send: (m: BatchMessage) => void;
  private readonly tally = new CatalogTally();
  private uids = new Int32Array(PIPE_BATCH);
  private eids = new Int32Array(PIPE_BATCH);
  private times = new Float64Array(PIPE_BATCH);
  /** the batch's properties JSON; the byte encoder writes at outPos after reserve() */
  out = outBuffer(1 << 19);
  outPos = 0;
  private n = 0;
  private firstNewUser: number;
  private newNames: [number, string][] = [];
  private readonly slotNames: (string | null)[] = new Array(256).fill(null);
  private readonly slotBytes: (Buffer | null)[] = new Array(256).fill(null);
  private readonly slotIds = new Int32Array(256);
  private attributes: [number, Props][] = [];
  added = 0;
  usersAdded = 0;

  constructor(dict: Dictionaries, users: UserDict, importId: number, send: (m: BatchMessage) => void) {
    this.dict = dict;
    this.users = users;
    this.importId = importId;
    this.send = send;
    this.firstNewUser = users.nextCode;
  }

  eventId(name: string): number {
    // Exports hold few names: a slot per (length, first and last character) remembers the last
    // name seen there, and comparing with it is cheaper than hashing a fresh string for the Map.
    const slot = (name.length * 31 + name.charCodeAt(0) * 7 + name.charCodeAt(name.length - 1)) & 255;
    if (this.slotNames[slot] === name) return this.slotIds[slot] ?? outOfBounds();
    let id = this.dict.names.get(name);
    if (id === undefined) {
      id = this.dict.nextNameId++;
      this.dict.names.set(name, id);
      this.newNames.push([id, name]);
    }
    this.slotNames[slot] = name;
    this.slotIds[slot] = id;
    return id;
  }

  /** The code of the event name in b[s, e) (not empty), by the same kind of slot, on bytes. */
  eventIdOfBytes(b: Buffer, s: number, e: number): number {
    const len = e - s;
    const slot = (len * 31 + (b[s] ?? outOfBounds()) * 7 + (b[e - 1] ?? outOfBounds())) & 255;
    const known = this.slotBytes[slot];
    if (known && known.length === len) {
      let i = 0;
      while (i < len && known[i] === b[s + i]) i++;
      if (i === len) return this.slotIds[slot] ?? outOfBounds();
    }
    const id = this.eventId(b.toString("utf8", s, e));
    this.slotBytes[slot] = Buffer.from(b.subarray(s, e));
    this.slotIds[slot] = id;
    // the string slot may differ from this one: leave it to eventId
    return id;
  }

  /** Makes room for `bytes` more bytes of JSON at outPos. */
  reserve(bytes: number): void {
    const need = this.outPos + bytes + 1;
    if (need <= this.out.length) return;
    const bigger = outBuffer(Math.max(need, this.out.length * 2));
    this.out.copy(bigger, 0, 0, this.outPos);
    this.out = bigger;
  }

  /**
   * Ends a row, as row() does, of the user whose id is b[s, e): the user's code is looked up with
   * others' before the batch is sent (UserDict.defer), the same code a look-up now would give.
   */
  rowOfUserBytes(b: Buffer, s: number, e: number, eid: number, timeMs: number): void {
    this.users.defer(b, s, e, this.uids, this.n);
    this.endRow(eid, timeMs);
  }

  /** Ends a row whose JSON (possibly none) the caller wrote at outPos. */
  row(uid: number, eid: number, timeMs: number): void {
    this.uids[this.n] = uid;
    this.endRow(eid, timeMs);
  }

  /** The rest of a row, its user's code written or deferred. */
  private endRow(eid: number, timeMs: number): void {
    this.out[this.outPos++] = NEWLINE;
    const i = this.n++;
    this.eids[i] = eid;
    this.times[i] = timeMs;
    this.tally.event(eid, timeMs);
    this.added++;
    if (this.n === PIPE_BATCH) this.flush();
  }

  addEvent(user: string, eid: number, timeMs: number, json: string | null, insertId: string | null): boolean {
    if (insertId !== null) throw new Error("files with insert ids are imported on one thread");
    const uid = this.users.codeOfString(user);
    if (json !== null) {
      this.reserve(json.length * 3);
      this.outPos += this.out.write(json, this.outPos, "utf8");
    } else this.reserve(0);
    this.row(uid, eid, timeMs);
    return true;
  }

  noteProperty(eid: number, name: string, kind: Kind, count: number): void {
    this.tally.property(eid, name, kind, count);
  }

  /** Sent with the next batch, as any new user is. */
  ensureUser(externalId: string): void {
    this.users.codeOfString(externalId);
  }

  /** A user's attributes from the file's event rows; sent, after the last batch, by finish(). */
  setUser(externalId: string, attributes: Props, createdAt: number | null): void {
    if (createdAt !== null) throw new Error("user imports are imported on one thread");
    tallyAttributes(this.tally, attributes);
    this.attributes.push([this.users.codeOfString(externalId), attributes]);
  }

  flush(): void {
    // users may be new without an event of their own here (an attribute from a skipped row)
    const newUsers = this.users.take();
    if (this.n === 0 && this.newNames.length === 0 && newUsers.length === 0) return;
    this.usersAdded += newUsers.length;
    this.send({
      type: "batch",
      importId: this.importId,
      n: this.n,
      uids: this.uids,
      eids: this.eids,
      times: this.times,
      props: new Uint8Array(this.out.buffer, 0, this.outPos),
      newUsers,
      firstNewUser: this.firstNewUser,
      newNames: this.newNames,
    });
    this.firstNewUser = this.users.nextCode;
    // the arrays were transferred: start fresh ones
    this.uids = new Int32Array(PIPE_BATCH);
    this.eids = new Int32Array(PIPE_BATCH);
    this.times = new Float64Array(PIPE_BATCH);
    this.out = outBuffer(this.out.length);
    this.outPos = 0;
    this.n = 0;
    this.newNames = [];
  }

  /** Sends what is left and returns what the inserting thread applies after it. */
  finish(): SinkEnd {
    this.flush();
    const attributes = this.attributes;
    this.attributes = [];
    return { delta: this.tally.take(), attributes };
  }
}
