import { outOfBounds } from "../typed-index.ts";

// Narrower saved forms of the two arrays an open reads most of: the times (8 bytes an event) and the
// event codes (2). An open's cost is the bytes it reads out of the file (cold, from the disk) and
// out of SQLite's pages; at 10M events these two are 100 of its 104 MB. In memory they stay
// Float64Array and Uint16Array (every query reads them as such); the open widens them chunk by chunk
// into the final arrays, which it has to fill anyway.
//
//   times  -> "@i40": whole milliseconds after the earliest time (the `base`), in 40 bits (34.8
//             years): each chunk holds k events as k low 32-bit words, then k high bytes.
//   codes  -> "@u8": one byte a code, when every code is below 256.
// An array that does not fit its narrow form (a time a fraction of a millisecond away from the
// earliest, a span over 34.8 years, a code of 256 or more) is saved as it is in memory.

const HIGH = 2 ** 32;
export const SPAN_MS = 2 ** 40;

/** The earliest time, when every time is a whole millisecond within SPAN_MS of it; else null. */
export function timesBase(times: Float64Array): number | null {
  let base = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times.length; i++) {
    const t = times[i] ?? outOfBounds();
    if (t < base) base = t;
  }
  if (times.length === 0) return 0;
  for (let i = 0; i < times.length; i++) {
    const t = times[i] ?? outOfBounds();
    const d = t - base;
    // Object.is: the decoded value must be the same double, -0 included
    if (!(d >= 0 && d < SPAN_MS && Number.isInteger(d) && Object.is(base + d, t))) return null;
  }
  return base;
}

/** Events in one saved chunk of times of at most `chunkBytes` (a multiple of 4, so words stay aligned). */
export function timesPerChunk(chunkBytes: number): number {
  return Math.max(4, Math.floor(chunkBytes / 5 / 4) * 4);
}

/**
 * `into`'s first `bytes`, or a new buffer without it. A save reuses one scratch buffer for every
 * chunk (SQLite copies a bound blob): a fresh buffer a chunk is fresh memory each time, every page
 * faulted in (at 10M events 60 MB of them, ~0.2 s of an import's tail on this VM).
 */
function output(bytes: number, into: Buffer | undefined): Buffer {
  if (into === undefined) return Buffer.alloc(bytes);
  if (into.byteLength < bytes || into.byteOffset % 4 !== 0)
    throw new RangeError(`a scratch buffer of ${into.byteLength} bytes cannot hold ${bytes} aligned bytes`);
  return into.subarray(0, bytes);
}

/** Times [from, to) as one saved chunk: the low words, then the high bytes (in `into` if given). */
export function encodeTimes(
  times: Float64Array,
  base: number,
  from: number,
  to: number,
  into?: Buffer,
): Buffer {
  const k = to - from;
  const out = output(5 * k, into);
  const low = new Uint32Array(out.buffer, out.byteOffset, k);
  const high = new Uint8Array(out.buffer, out.byteOffset + 4 * k, k);
  for (let i = 0; i < k; i++) {
    const d = (times[from + i] ?? outOfBounds()) - base;
    const h = Math.floor(d / HIGH);
    high[i] = h;
    low[i] = d - h * HIGH;
  }
  return out;
}

/** Events a saved chunk of times holds, or -1 when its size is not that of whole events. */
export function timesInChunk(bytes: number): number {
  return bytes % 5 === 0 ? bytes / 5 : -1;
}

/** Decodes one saved chunk of times into `into` from position `at`; returns the events decoded. */
export function decodeTimes(chunk: Uint8Array, base: number, into: Float64Array, at: number): number {
  const k = timesInChunk(chunk.byteLength);
  if (k < 0 || at + k > into.length) throw new Error("a saved chunk of times has the wrong size");
  // better-sqlite3 hands each blob over in a buffer of its own; copy one that is not word-aligned
  const src = chunk.byteOffset % 4 === 0 ? chunk : new Uint8Array(chunk);
  const low = new Uint32Array(src.buffer, src.byteOffset, k);
  const high = new Uint8Array(src.buffer, src.byteOffset + 4 * k, k);
  for (let i = 0; i < k; i++)
    into[at + i] = base + ((low[i] ?? outOfBounds()) + (high[i] ?? outOfBounds()) * HIGH);
  return k;
}

/** Whether every code fits in a byte. */
export function codesFitByte(codes: Uint16Array): boolean {
  for (let i = 0; i < codes.length; i++) if ((codes[i] ?? outOfBounds()) > 0xff) return false;
  return true;
}

/**
 * Whether every byte is below `limit` (every saved code names an event): four bytes at a time, as
 * this runs over every event of each open. For a limit up to 128, a word holds a byte above n =
 * limit - 1 exactly when adding 127 - n to each byte, or the byte itself, sets its high bit (a carry
 * into the next byte happens only from a byte that already has it); larger limits test each byte.
 */
export function bytesBelow(bytes: Uint8Array, limit: number): boolean {
  if (limit > 0xff) return true;
  const n = limit - 1;
  if (n < 0) return bytes.length === 0;
  let i = 0;
  const first = (4 - (bytes.byteOffset % 4)) % 4;
  if (n <= 127 && bytes.length >= first + 4) {
    for (; i < first; i++) if ((bytes[i] ?? outOfBounds()) > n) return false;
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + first, (bytes.length - first) >>> 2);
    const add = 0x01010101 * (127 - n);
    let high = 0;
    for (let w = 0; w < words.length; w++) {
      const x = words[w] ?? outOfBounds();
      high |= (x + add) | x;
    }
    if ((high & 0x80808080) !== 0) return false;
    i += words.length * 4;
  }
  for (; i < bytes.length; i++) if ((bytes[i] ?? outOfBounds()) > n) return false;
  return true;
}

/** Codes [from, to) as one saved chunk of bytes. */
export function encodeCodes(codes: Uint16Array, from: number, to: number, into?: Buffer): Buffer {
  const out = output(to - from, into);
  out.set(codes.subarray(from, to));
  return out;
}

/** Widens one saved chunk of byte codes into `into` from position `at`; returns the codes read. */
export function decodeCodes(chunk: Uint8Array, into: Uint16Array, at: number): number {
  if (at + chunk.byteLength > into.length) throw new Error("a saved chunk of event codes has the wrong size");
  into.set(chunk, at);
  return chunk.byteLength;
}
