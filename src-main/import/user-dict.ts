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

/** Int32 fields per slot: hash, key start + 1 (0: empty), key length, code. */
const SLOT = 4;

function hashBytes(b: Uint8Array, s: number, e: number): number {
  // FNV-1a
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ (b[i] ?? outOfBounds()), 0x01000193);
  return h | 0;
}

export class UserDict {
  private keys = Buffer.allocUnsafe(1 << 16);
  private keysEnd = 0;
  private table = new Int32Array(2048 * SLOT);
  private mask = 2047;
  private size = 0;
  private readonly scratch = Buffer.allocUnsafe(1024);
  /** the code the next new user gets */
  nextCode: number;
  /** external ids of the users added since the last take(), in code order */
  private added: string[] = [];

  constructor(nextCode = 1) {
    this.nextCode = nextCode;
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
    d.nextCode = max + 1;
    return d;
  }

  get count(): number {
    return this.size;
  }

  /** The code of the user whose id is b[s, e), a new one when the id is new. */
  codeOf(b: Uint8Array, s: number, e: number): number {
    const h = hashBytes(b, s, e);
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
    const code = this.nextCode++;
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
    const a = this.added;
    this.added = [];
    return a;
  }

  private insert(b: Uint8Array, s: number, e: number, h: number, code: number): void {
    const len = e - s;
    if (this.keysEnd + len > this.keys.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.keys.length * 2, this.keysEnd + len));
      this.keys.copy(bigger, 0, 0, this.keysEnd);
      this.keys = bigger;
    }
    this.keys.set(b.subarray(s, e), this.keysEnd);
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
