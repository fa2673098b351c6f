import { type CatalogDelta, CatalogTally, type Kind } from "../store/catalog-tally.ts";
import type { Dictionaries, EventSink, Props } from "../store/event-writer.ts";

// The parsing thread's side of a two-thread import: assigns event-name codes, tallies the catalog,
// and ships rows to the inserting thread in batches: typed arrays (transferred, not copied), the
// user ids as one NUL-separated string (the inserting thread encodes them: a string-keyed Map
// look-up per row is the largest single cost left on this side) and the properties as JSON lines.

export const PIPE_BATCH = 4096;

export interface BatchMessage {
  type: "batch";
  importId: number;
  n: number;
  /** external user ids joined by NUL */
  users: string;
  eids: Int32Array;
  times: Float64Array;
  /** the rows' properties JSON joined by "\n" ("" for none); JSON text never holds a raw newline */
  props: string;
  newNames: [number, string][];
}

export class PipeWriter implements EventSink {
  private readonly dict: Dictionaries;
  private readonly importId: number;
  private readonly send: (m: BatchMessage) => void;
  private readonly tally = new CatalogTally();
  // Built by concatenation: V8 keeps rope strings that postMessage flattens in one copy, which
  // measured cheaper than collecting arrays and joining them.
  private users = "";
  private eids = new Int32Array(PIPE_BATCH);
  private times = new Float64Array(PIPE_BATCH);
  private props = "";
  private n = 0;
  private newNames: [number, string][] = [];
  private readonly slotNames: (string | null)[] = new Array(256).fill(null);
  private readonly slotIds = new Int32Array(256);
  added = 0;
  usersAdded = 0;

  constructor(dict: Dictionaries, importId: number, send: (m: BatchMessage) => void) {
    this.dict = dict;
    this.importId = importId;
    this.send = send;
  }

  eventId(name: string): number {
    // Exports hold few names: a slot per (length, first and last character) remembers the last
    // name seen there, and comparing with it is cheaper than hashing a fresh string for the Map.
    const slot = (name.length * 31 + name.charCodeAt(0) * 7 + name.charCodeAt(name.length - 1)) & 255;
    if (this.slotNames[slot] === name) return this.slotIds[slot] as number;
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

  addEvent(user: string, eid: number, timeMs: number, json: string | null, insertId: string | null): boolean {
    if (insertId !== null) throw new Error("files with insert ids are imported on one thread");
    const i = this.n++;
    const u = user.indexOf("\0") === -1 ? user : user.replaceAll("\0", "");
    this.users += i === 0 ? u : `\0${u}`;
    this.eids[i] = eid;
    this.times[i] = timeMs;
    this.props += i === 0 ? (json ?? "") : `\n${json ?? ""}`;
    this.tally.event(eid, timeMs);
    this.added++;
    if (this.n === PIPE_BATCH) this.flush();
    return true;
  }

  noteProperty(eid: number, name: string, kind: Kind, count: number): void {
    this.tally.property(eid, name, kind, count);
  }

  setUser(_externalId: string, _attributes: Props, _createdAt: number | null): void {
    throw new Error("user imports are imported on one thread");
  }

  flush(): void {
    if (this.n === 0 && this.newNames.length === 0) return;
    this.send({
      type: "batch",
      importId: this.importId,
      n: this.n,
      users: this.users,
      eids: this.eids,
      times: this.times,
      props: this.props,
      newNames: this.newNames,
    });
    // the arrays were transferred: start fresh ones
    this.users = "";
    this.eids = new Int32Array(PIPE_BATCH);
    this.times = new Float64Array(PIPE_BATCH);
    this.props = "";
    this.n = 0;
    this.newNames = [];
  }

  /** Sends what is left and returns the catalog tally for the inserting thread to apply. */
  finish(): CatalogDelta {
    this.flush();
    return this.tally.take();
  }
}
