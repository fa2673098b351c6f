import type Database from "better-sqlite3";

// The workspace's external user ids and their codes, keyed by the ids' UTF-8 bytes: the import
// looks a user up straight from the bytes of the file, without making a string of the id. An
// open-addressing table of entry numbers; the keys live end to end in one byte arena. For the
// seeded 1M-row file this look-up costs about a fifth of a Map<string, number> look-up of a
// freshly split string (whose hash V8 must compute first).

const EMPTY = -1;

function hashBytes(b: Uint8Array, s: number, e: number): number {
  // FNV-1a
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ (b[i] as number), 0x01000193);
  return h | 0;
}

export class UserDict {
  private keys = Buffer.allocUnsafe(1 << 16);
  private keysEnd = 0;
  /** per entry: where its key starts and ends in `keys`, its hash and its user code */
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private codes = new Int32Array(1024);
  private size = 0;
  private table = new Int32Array(2048).fill(EMPTY);
  private mask = 2047;
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
    for (const [id, ext] of db.prepare("SELECT id, external_id FROM users").raw().iterate() as Iterable<
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
    const keys = this.keys;
    let slot = h & this.mask;
    for (;;) {
      const entry = this.table[slot] as number;
      if (entry === EMPTY) break;
      if (this.hashes[entry] === h) {
        const ks = this.starts[entry] as number;
        if ((this.ends[entry] as number) - ks === len) {
          let i = 0;
          while (i < len && keys[ks + i] === b[s + i]) i++;
          if (i === len) return this.codes[entry] as number;
        }
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
    if (this.size === this.codes.length) this.growEntries();
    const entry = this.size++;
    this.starts[entry] = this.keysEnd;
    this.ends[entry] = this.keysEnd + len;
    this.hashes[entry] = h;
    this.codes[entry] = code;
    this.keysEnd += len;
    if (this.size * 2 > this.mask) this.rehash();
    else this.place(entry);
  }

  private place(entry: number): void {
    let slot = (this.hashes[entry] as number) & this.mask;
    while (this.table[slot] !== EMPTY) slot = (slot + 1) & this.mask;
    this.table[slot] = entry;
  }

  private growEntries(): void {
    const n = this.codes.length * 2;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.starts = grow(this.starts);
    this.ends = grow(this.ends);
    this.hashes = grow(this.hashes);
    this.codes = grow(this.codes);
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    this.table = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
    for (let entry = 0; entry < this.size; entry++) this.place(entry);
  }
}
