import type Database from "better-sqlite3";
import { statement } from "../db/sql.ts";
import { release } from "../engine/columns/release.ts";
import { outOfBounds } from "../engine/typed-index.ts";

// The workspace's external user ids and their codes, keyed by the ids' UTF-8 bytes: the import
// looks a user up straight from the bytes of the file, without making a string of the id. An
// open-addressing table whose slot holds all a look-up needs (hash, where the key is, its length,
// the code) in 16 bytes, so that a hit costs one cache line of the table and one of the key
// arena. With a million users the table no longer fits in cache, and with an array per field a
// look-up was several cache misses: this layout took the seeded 10M-row import's phase until the
// last row from 6.5 s to 6.2 s.
//
// Even so a look-up among a million users waited on two misses (the slot, then the key): 450 ns a
// look-up at 10M rows, 4.6 s, 40% of the parsing thread, the busier of the import's two. The byte
// path therefore defers its look-ups (defer) and does them by runs (settle): one loop reads the
// first slot of every id, another the key that slot points to, independent loads the processor
// overlaps, and the look-ups proper then find both in cache. Codes stay those of a look-up per
// row: every other way in settles the deferred ids first, in the order they came.

/** Int32 fields per slot: hash, key start + 1 (0: empty), key length, code. */
const SLOT = 4;

/**
 * Deferred ids settled at once: a run's slots and keys (a cache line each) must still be in the
 * processor's cache when the look-ups proper reach them.
 */
const DEFER_MAX = 1024;

function hashBytes(b: Uint8Array, s: number, e: number): number {
  // FNV-1a
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ (b[i] ?? outOfBounds()), 0x01000193);
  return h | 0;
}

/**
 * `buf` with b[s, e) written at `used`: the same buffer when it has room, else one twice as large
 * (or as large as needed) holding buf's first `used` bytes.
 */
function appended(
  buf: Buffer<ArrayBuffer>,
  used: number,
  b: Uint8Array,
  s: number,
  e: number,
): Buffer<ArrayBuffer> {
  const need = used + (e - s);
  let out = buf;
  if (need > buf.length) {
    out = Buffer.allocUnsafe(Math.max(need, buf.length * 2));
    buf.copy(out, 0, 0, used);
  }
  // byte by byte: an id is a few bytes, and subarray() made an object a row (0.6 s of the parsing
  // thread at 10M rows, with its constructor)
  for (let i = s, o = used; i < e; i++, o++) out[o] = b[i] ?? outOfBounds();
  return out;
}

export class UserDict {
  private keys = Buffer.allocUnsafe(1 << 16);
  private keysEnd = 0;
  private table = new Int32Array(2048 * SLOT);
  private mask = 2047;
  private size = 0;
  private readonly scratch = Buffer.allocUnsafe(1024);
  /** the code the next new user gets, deferred ids aside (nextCode settles them) */
  private next: number;
  /** external ids of the users added since the last take(), in code order */
  private added: string[] = [];
  /** the ids given to defer() and not yet looked up: their bytes, one after the other */
  private deferredKeys = Buffer.allocUnsafe(1 << 14);
  /** deferred id k is deferredKeys[deferredEnds[k], deferredEnds[k + 1]) */
  private readonly deferredEnds = new Int32Array(DEFER_MAX + 1);
  /** where deferred id k's code goes: deferredOut[deferredAt[k]] */
  private readonly deferredAt = new Int32Array(DEFER_MAX);
  private deferredOut: Int32Array | null = null;
  private deferred = 0;
  private readonly hashes = new Int32Array(DEFER_MAX);
  /** a sum of the warming loads in settle(), kept so that the compiler cannot drop them */
  warmed = 0;

  constructor(nextCode = 1) {
    this.next = nextCode;
  }

  /** The users a workspace already has. */
  static read(db: Database.Database): UserDict {
    const d = new UserDict();
    let max = 0;
    for (const [id, ext] of statement(db)`SELECT id, external_id FROM users`.raw().iterate() as Iterable<
      [number, string]
    >) {
      const b = Buffer.from(ext, "utf8");
      d.insert(b, 0, b.length, hashBytes(b, 0, b.length), id);
      if (id > max) max = id;
    }
    d.next = max + 1;
    return d;
  }

  get count(): number {
    this.settle();
    return this.size;
  }

  /** The code the next new user gets. */
  get nextCode(): number {
    this.settle();
    return this.next;
  }

  /** The code of the user whose id is b[s, e), a new one when the id is new. */
  codeOf(b: Uint8Array, s: number, e: number): number {
    this.settle();
    return this.lookUp(b, s, e, hashBytes(b, s, e));
  }

  /**
   * Looks the id b[s, e) up later: its code is written to out[at] by the next settle(), which any
   * other call that gives codes (codeOf, take, count) makes first. The bytes are copied.
   */
  defer(b: Uint8Array, s: number, e: number, out: Int32Array, at: number): void {
    if (this.deferredOut !== out) {
      this.settle();
      this.deferredOut = out;
    }
    const k = this.deferred;
    const from = this.deferredEnds[k] ?? outOfBounds();
    this.deferredKeys = appended(this.deferredKeys, from, b, s, e);
    this.deferredEnds[k + 1] = from + (e - s);
    this.deferredAt[k] = at;
    this.deferred = k + 1;
    if (k + 1 === DEFER_MAX) this.settle();
  }

  /** Looks up the deferred ids, in the order they came (see the note at the top). */
  settle(): void {
    const count = this.deferred;
    if (count === 0) return;
    this.deferred = 0;
    const keys = this.deferredKeys;
    const ends = this.deferredEnds;
    const hashes = this.hashes;
    const table = this.table;
    let warm = 0;
    for (let k = 0; k < count; k++) {
      const hash = hashBytes(keys, ends[k] ?? outOfBounds(), ends[k + 1] ?? outOfBounds());
      hashes[k] = hash;
      warm += table[(hash & this.mask) * SLOT + 1] ?? outOfBounds();
    }
    for (let k = 0; k < count; k++) {
      const start = table[((hashes[k] ?? outOfBounds()) & this.mask) * SLOT + 1] ?? outOfBounds();
      if (start > 0) warm += this.keys[start - 1] ?? outOfBounds();
    }
    this.warmed = warm;
    const out = this.deferredOut ?? outOfBounds();
    const at = this.deferredAt;
    for (let k = 0; k < count; k++)
      out[at[k] ?? outOfBounds()] = this.lookUp(
        keys,
        ends[k] ?? outOfBounds(),
        ends[k + 1] ?? outOfBounds(),
        hashes[k] ?? outOfBounds(),
      );
  }

  /** The code of the id b[s, e) whose hash is h; a new one when the id is new. */
  private lookUp(b: Uint8Array, s: number, e: number, h: number): number {
    const len = e - s;
    const t = this.table;
    const keys = this.keys;
    let slot = h & this.mask;
    for (;;) {
      const o = slot * SLOT;
      const start = t[o + 1] ?? outOfBounds();
      if (start === 0) break;
      if (t[o] === h && t[o + 2] === len) {
        const ks = start - 1;
        let i = 0;
        while (i < len && keys[ks + i] === b[s + i]) i++;
        if (i === len) return t[o + 3] ?? outOfBounds();
      }
      slot = (slot + 1) & this.mask;
    }
    const code = this.next++;
    this.insert(b, s, e, h, code);
    this.added.push(Buffer.from(b.buffer, b.byteOffset + s, len).toString("utf8"));
    return code;
  }

  /** The code of a user id given as a string (JSON records, rows the byte path passes on). */
  codeOfString(id: string): number {
    const max = id.length * 3;
    const b = max <= this.scratch.length ? this.scratch : Buffer.allocUnsafe(max);
    return this.codeOf(b, 0, b.write(id, 0, "utf8"));
  }

  /** Frees the table and the ids (every row was read): the dictionary is empty after this. */
  release(): void {
    this.settle();
    release(this.table);
    release(this.keys);
    this.table = new Int32Array(2048 * SLOT);
    this.mask = 2047;
    this.keys = Buffer.allocUnsafe(1 << 16);
    this.keysEnd = 0;
    this.size = 0;
  }

  /** The external ids of the users added since the last call, in code order. */
  take(): string[] {
    this.settle();
    const a = this.added;
    this.added = [];
    return a;
  }

  private insert(b: Uint8Array, s: number, e: number, h: number, code: number): void {
    const len = e - s;
    this.keys = appended(this.keys, this.keysEnd, b, s, e);
    this.place(this.table, this.mask, h, this.keysEnd + 1, len, code);
    this.keysEnd += len;
    this.size++;
    if (this.size * 2 > this.mask) this.grow();
  }

  private place(t: Int32Array, mask: number, h: number, start1: number, len: number, code: number): void {
    let slot = h & mask;
    while (t[slot * SLOT + 1] !== 0) slot = (slot + 1) & mask;
    const o = slot * SLOT;
    t[o] = h;
    t[o + 1] = start1;
    t[o + 2] = len;
    t[o + 3] = code;
  }

  private grow(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    this.table = new Int32Array(slots * SLOT);
    this.mask = slots - 1;
    for (let o = 0; o < old.length; o += SLOT) {
      if (old[o + 1] === 0) continue;
      this.place(
        this.table,
        this.mask,
        old[o] ?? outOfBounds(),
        old[o + 1] ?? outOfBounds(),
        old[o + 2] ?? outOfBounds(),
        old[o + 3] ?? outOfBounds(),
      );
    }
  }
}
