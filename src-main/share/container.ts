import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { StrataError } from "../../src-preload/contract/errors.ts";
import { MAGIC } from "./magic.ts";

// The encrypted copy's container (resources/docs/sharing.md describes it byte by byte):
//
//   0  8  magic "STRATAEN"            16 16 scrypt salt
//   8  1  format version (1)          32 12 AES-256-GCM nonce
//   9  1  KDF (1 = scrypt)            44 16 key check: HMAC-SHA256(check key, "strata key check")[0..16]
//  10  1  scrypt log2(N)              60  4 reserved, zero
//  11  1  scrypt r                    64  . ciphertext of the SQLite file
//  12  1  scrypt p                   end 16 GCM tag
//  13  3  reserved, zero
//
// The 64-byte header is the GCM additional data, so changing any byte of it, of the ciphertext or of
// the tag fails authentication. scrypt yields 64 bytes: the AES key, then the key-check key, so that
// a wrong passphrase is told apart from a damaged file without decrypting anything.

export { MAGIC };

const HEADER = 64;
const TAG = 16;
const VERSION = 1;
const KDF_SCRYPT = 1;
/** N = 2^17, r = 8: 128 MiB of memory per guess (OWASP's scrypt minimum is N = 2^17, r = 8, p = 1) */
export const DEFAULT_KDF = { logN: 17, r: 8, p: 1 };

interface Kdf {
  logN: number;
  r: number;
  p: number;
}

function deriveKeys(passphrase: string, salt: Buffer, kdf: Kdf): Promise<{ key: Buffer; check: Buffer }> {
  const N = 2 ** kdf.logN;
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize("NFC"),
      salt,
      64,
      { N, r: kdf.r, p: kdf.p, maxmem: 256 * N * kdf.r },
      (err, out) => {
        if (err) reject(err);
        else resolve({ key: out.subarray(0, 32), check: out.subarray(32) });
      },
    );
  });
}

function keyCheck(check: Buffer): Buffer {
  return createHmac("sha256", check).update("strata key check").digest().subarray(0, 16);
}

/** Encrypts `plain` into a new file `out` (which must not exist). */
export async function encryptFile(plain: string, out: string, passphrase: string, kdf: Kdf = DEFAULT_KDF) {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const { key, check } = await deriveKeys(passphrase, salt, kdf);
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header, 0);
  header.writeUInt8(VERSION, 8);
  header.writeUInt8(KDF_SCRYPT, 9);
  header.writeUInt8(kdf.logN, 10);
  header.writeUInt8(kdf.r, 11);
  header.writeUInt8(kdf.p, 12);
  salt.copy(header, 16);
  nonce.copy(header, 32);
  keyCheck(check).copy(header, 44);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(header);
  await pipeline(
    async function* () {
      yield header;
      for await (const chunk of fs.createReadStream(plain)) yield cipher.update(chunk as Buffer);
      yield cipher.final();
      yield cipher.getAuthTag();
    },
    fs.createWriteStream(out, { flags: "wx" }),
  );
}

function readAt(fd: number, pos: number, len: number): Buffer {
  const b = Buffer.alloc(len);
  const n = fs.readSync(fd, b, 0, len, pos);
  return b.subarray(0, n);
}

const damaged = (name: string) =>
  new StrataError(
    "passphrase",
    `${name} was damaged or changed after it was encrypted, so it cannot be trusted or opened; ask for a fresh copy`,
  );

/**
 * Decrypts `file` into a new file `out`. A wrong passphrase or any changed byte is a StrataError with
 * code "passphrase", and then `out` does not exist.
 */
export async function decryptFile(file: string, out: string, passphrase: string, name = file): Promise<void> {
  const fd = fs.openSync(file, "r");
  let header: Buffer;
  let tag: Buffer;
  let size: number;
  try {
    size = fs.fstatSync(fd).size;
    header = readAt(fd, 0, HEADER);
    tag = readAt(fd, Math.max(0, size - TAG), TAG);
  } finally {
    fs.closeSync(fd);
  }
  if (!header.subarray(0, 8).equals(MAGIC))
    throw new StrataError("not_strata", `${name} is not an encrypted Strata copy`);
  if (size <= HEADER + TAG) throw damaged(name);
  if (header.readUInt8(8) !== VERSION || header.readUInt8(9) !== KDF_SCRYPT)
    throw new StrataError(
      "too_new",
      `${name} was encrypted by a newer Strata (container version ${header[8]})`,
    );
  const kdf = { logN: header.readUInt8(10), r: header.readUInt8(11), p: header.readUInt8(12) };
  // A hostile header must not make us spend gigabytes or minutes before the passphrase is even
  // checked: at most 256 MiB (128·N·r bytes) and twice the default work (N·r·p).
  const scryptN = 2 ** kdf.logN;
  const defaultWork = 2 ** DEFAULT_KDF.logN * DEFAULT_KDF.r * DEFAULT_KDF.p;
  if (
    kdf.logN < 14 ||
    kdf.r < 1 ||
    kdf.p < 1 ||
    128 * scryptN * kdf.r > 256 * 1024 * 1024 ||
    scryptN * kdf.r * kdf.p > 2 * defaultWork
  )
    throw damaged(name);
  const { key, check } = await deriveKeys(passphrase, header.subarray(16, 32), kdf);
  if (!timingSafeEqual(keyCheck(check), header.subarray(44, 60)))
    throw new StrataError(
      "passphrase",
      `The passphrase is wrong for ${name}. Check it (letter case counts) and try again.`,
    );
  const decipher = createDecipheriv("aes-256-gcm", key, header.subarray(32, 44));
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  try {
    await pipeline(
      fs.createReadStream(file, { start: HEADER, end: size - TAG - 1 }),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) yield decipher.update(chunk);
        yield decipher.final();
      },
      fs.createWriteStream(out, { flags: "wx" }),
    );
  } catch (err) {
    fs.rmSync(out, { force: true });
    if (err instanceof Error && /auth|unable to authenticate/i.test(err.message)) throw damaged(name);
    throw err;
  }
}
