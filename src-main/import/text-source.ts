import { isUtf8 } from "node:buffer";
import { createHash, type Hash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { StrataError } from "../../src-preload/contract/errors.ts";
import { outOfBounds } from "../engine/typed-index.ts";
import { binaryReason } from "./binary.ts";

// Opening a file as text: gzip by its magic bytes, then the encoding by BOM, by the NUL pattern of
// UTF-16 without BOM, by whether the start is valid UTF-8, and else Windows-1252 (what Excel on
// Windows writes). NUL bytes in 8-bit text are dropped: they come from broken exports, never data.
// A file read as UTF-8 whose later bytes are not UTF-8 is refused (NotUtf8Error): replacing them
// with U+FFFD stored "Montr\uFFFDal" without a word.

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export interface TextSource {
  path: string;
  size: number;
  gzip: boolean;
  encoding: Encoding;
  bom: boolean;
}

/** The gzip stream ended before its end marker: the rows before the cut are kept. */
export class TruncatedError extends Error {}

/** A byte that is not UTF-8 in a file read as UTF-8; the text before it has been handed on. */
export class NotUtf8Error extends Error {
  /** where the ill-formed sequence starts, in the file's text (after gunzip), its BOM counted */
  readonly byte: number;
  readonly value: number;
  constructor(byte: number, value: number) {
    super(`byte ${byte} (${value}) is not UTF-8`);
    this.byte = byte;
    this.value = value;
  }
}

const SNIFF_BYTES = 256 * 1024;

function openError(file: string, e: unknown): StrataError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return new StrataError("not_found", `${file} does not exist`);
  if (code === "EISDIR") return new StrataError("bad_input", `${file} is a folder, not a file`);
  return new StrataError("bad_input", `cannot read ${file}: ${(e as Error).message}`);
}

function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

async function readHead(file: string): Promise<{ raw: Buffer; size: number }> {
  let fh: fs.promises.FileHandle;
  try {
    fh = await fs.promises.open(file, "r");
  } catch (e) {
    throw openError(file, e);
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw new StrataError("bad_input", `${file} is a folder, not a file`);
    const raw = Buffer.alloc(Math.min(SNIFF_BYTES, st.size));
    const { bytesRead } = await fh.read(raw, 0, raw.length, 0);
    return { raw: raw.subarray(0, bytesRead), size: st.size };
  } finally {
    await fh.close();
  }
}

function gunzipHead(raw: Buffer, whole: boolean, file: string): Buffer {
  // A partial gzip member: inflate what is there, ignoring the missing end.
  let head: Buffer;
  try {
    head = zlib.gunzipSync(raw, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).subarray(0, SNIFF_BYTES);
  } catch (e) {
    if (whole)
      throw new StrataError(
        "bad_input",
        `${path.basename(file)} is not valid gzip data: ${(e as Error).message}`,
      );
    return Buffer.alloc(0);
  }
  // The whole file was read and not one line came out of it: a download cut short, not an empty
  // file (whole rows of a longer cut file are imported and the cut is reported as truncated_file).
  if (whole && !head.includes(10)) {
    try {
      zlib.gunzipSync(raw);
    } catch {
      throw new StrataError("bad_input", `${path.basename(file)} ends early (the gzip data is cut off)`);
    }
  }
  return head;
}

export function detectEncoding(head: Buffer): { encoding: Encoding; bom: boolean } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", bom: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bom: true };
  const scanBytes = Math.min(head.length, 4096) & ~1;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < scanBytes; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = scanBytes / 2;
  if (pairs > 0 && oddNul > pairs * 0.3 && evenNul < pairs * 0.05)
    return { encoding: "utf-16le", bom: false };
  if (pairs > 0 && evenNul > pairs * 0.3 && oddNul < pairs * 0.05)
    return { encoding: "utf-16be", bom: false };
  // a multi-byte character may be cut at the end of the sample
  let end = head.length;
  if (head.length === SNIFF_BYTES)
    while (end > 0 && end > head.length - 4 && ((head[end - 1] ?? outOfBounds()) & 0xc0) === 0x80) end--;
  if (head.length === SNIFF_BYTES && end > 0 && ((head[end - 1] ?? outOfBounds()) & 0xc0) === 0xc0) end--;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, end));
    return { encoding: "utf-8", bom: false };
  } catch {
    return { encoding: "windows-1252", bom: false };
  }
}

/** Detects gzip and encoding, and returns the start of the text for sniffing the format. */
export async function openSource(
  file: string,
): Promise<{ source: TextSource; head: string; notText: string | null }> {
  const { raw, size } = await readHead(file);
  const gzip = isGzip(raw);
  const bytes = gzip ? gunzipHead(raw, raw.length === size, file) : raw;
  const { encoding, bom } = detectEncoding(bytes);
  const dec = new TextDecoder(encoding);
  let head = dec.decode(bytes, { stream: true });
  if (encoding === "utf-8" || encoding === "windows-1252") head = head.replaceAll("\0", "");
  // why the bytes are not text (binaryReason); UTF-16 was recognized by its pattern of NULs
  const notText =
    encoding === "utf-8" || encoding === "windows-1252" ? binaryReason(bytes, encoding === "utf-8") : null;
  return { source: { path: path.resolve(file), size, gzip, encoding, bom }, head, notText };
}

/** Hands on the chunks of a file as read: `file` the file's bytes, `content` the same unzipped. */
export type ReadHook = (fileChunk: Buffer) => void;

/**
 * The file's bytes in chunks, gunzipped. `onRead` gets each chunk of the file as read (compressed
 * for a gzip file), for progress and the file's hash; `onContent` each chunk of its content
 * (unzipped, before any decoding), for the content's hash. A gzip file cut short throws
 * TruncatedError after its last whole chunk.
 */
async function* rawChunks(src: TextSource, onRead: ReadHook, onContent?: ReadHook): AsyncGenerator<Buffer> {
  const file = fs.createReadStream(src.path, { highWaterMark: 1 << 20 });
  file.on("data", (c) => onRead(c as Buffer));
  const stream = src.gzip ? file.pipe(zlib.createGunzip({ chunkSize: 1 << 20 })) : file;
  if (src.gzip) file.on("error", (e) => stream.destroy(e));
  try {
    for await (const chunk of stream) {
      onContent?.(chunk as Buffer);
      yield chunk as Buffer;
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (src.gzip && (err.code === "Z_BUF_ERROR" || /unexpected end of file/i.test(err.message)))
      throw new TruncatedError(`${path.basename(src.path)} ends early (the gzip data is cut off)`);
    if (src.gzip && err.code?.startsWith("Z_"))
      throw new StrataError("bad_input", `${src.path} is not valid gzip data: ${err.message}`);
    throw openError(src.path, e);
  } finally {
    file.destroy();
  }
}

/** The decoded text in chunks (see rawChunks); UTF-8 as readUtf8 checks it. */
export async function* readText(
  src: TextSource,
  onRead: ReadHook,
  onContent?: ReadHook,
): AsyncGenerator<string> {
  if (src.encoding === "utf-8") {
    // readUtf8's chunks end on whole characters
    for await (const bytes of readUtf8(src, onRead, onContent)) yield bytes.toString("utf8");
    return;
  }
  const dec = new TextDecoder(src.encoding);
  const strip = src.encoding === "windows-1252";
  for await (const chunk of rawChunks(src, onRead, onContent)) {
    const s = dec.decode(chunk, { stream: true });
    yield strip && s.includes("\0") ? s.replaceAll("\0", "") : s;
  }
  const last = dec.decode();
  if (last) yield last;
}

/** Where the last whole UTF-8 character of b ends (a character cut by the chunk's end starts there). */
function wholeCharsEnd(b: Buffer): number {
  const len = b.length;
  for (let k = len - 1; k >= 0 && k >= len - 4; k--) {
    const c = b[k] ?? outOfBounds();
    if ((c & 0xc0) === 0x80) continue;
    if (c < 0xc0) return len;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    return k + need > len ? k : len;
  }
  return len;
}

function withoutNul(b: Buffer): Buffer {
  if (b.indexOf(0) === -1) return b;
  const out = Buffer.allocUnsafe(b.length);
  let w = 0;
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) out[w++] = b[i] ?? outOfBounds();
  return out.subarray(0, w);
}

/**
 * Where the first ill-formed UTF-8 sequence starts (the length when there is none). A loop in
 * JS, for the error path only: the import checks whole chunks with isUtf8.
 */
function firstNotUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? outOfBounds();
    if (lead < 0x80) {
      i++;
      continue;
    }
    // the bounds of the second byte narrow for E0, ED, F0 and F4 (no overlong forms, no surrogates)
    let low = 0x80;
    let high = 0xbf;
    let need: number;
    if (lead >= 0xc2 && lead <= 0xdf) need = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

/**
 * The text as valid UTF-8 bytes in chunks, the same text readText gives: without the BOM and NUL
 * bytes, other encodings converted. A UTF-8 file's chunks are passed on as read (the common case,
 * and why this exists: no string is made of them), once isUtf8 has checked each; at the first byte
 * that is not UTF-8 the text before it is handed on and NotUtf8Error thrown.
 */
export async function* readUtf8(
  src: TextSource,
  onRead: ReadHook,
  onContent?: ReadHook,
): AsyncGenerator<Buffer> {
  if (src.encoding !== "utf-8") {
    for await (const text of readText(src, onRead, onContent)) yield Buffer.from(text, "utf8");
    return;
  }
  let carry: Buffer | null = null;
  let first = true;
  /** bytes of the text before buf */
  let offset = 0;
  /** body's text up to its first byte that is not UTF-8, and that byte's error */
  const checked = (body: Buffer): { text: Buffer; error: NotUtf8Error | null } => {
    if (isUtf8(body)) return { text: withoutNul(body), error: null };
    const bad = firstNotUtf8(body);
    const error = new NotUtf8Error(offset + bad, body[bad] ?? outOfBounds());
    return { text: withoutNul(body.subarray(0, bad)), error };
  };
  for await (const chunk of rawChunks(src, onRead, onContent)) {
    let buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    if (first && buf.length < 3) {
      carry = buf;
      continue;
    }
    // the BOM is dropped at the start only: any other U+FEFF is text
    if (first && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
      buf = buf.subarray(3);
      offset = 3;
    }
    first = false;
    const cut = wholeCharsEnd(buf);
    carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : null;
    const { text, error } = checked(buf.subarray(0, cut));
    if (text.length > 0) yield text;
    if (error) throw error;
    offset += cut;
  }
  // a character cut by the end of the file, or a file of one or two bytes
  if (carry && carry.length > 0) {
    const { text, error } = checked(carry);
    if (text.length > 0) yield text;
    if (error) throw error;
  }
}

/**
 * sha256 of a file's bytes, and of its content as read (unzipped): its identities for the
 * duplicate-import check.
 */
export function newFileHash(): Hash {
  return createHash("sha256");
}

/** sha256 of the file's bytes, streamed. */
export async function fileHash(file: string): Promise<string> {
  const h = newFileHash();
  try {
    for await (const c of fs.createReadStream(file, { highWaterMark: 1 << 20 })) h.update(c as Buffer);
  } catch (e) {
    throw openError(file, e);
  }
  return h.digest("hex");
}
