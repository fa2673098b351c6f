import { outOfBounds } from "../engine/typed-index.ts";

// Files that are not text: a random or binary file used to be read as Windows-1252 "TSV" and
// imported as garbage. Known containers are named by their magic bytes (an .xlsx is a ZIP, a
// workspace is SQLite), anything else by its share of control characters, which text never has.

const MAGIC: { bytes: number[]; what: string }[] = [
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    what: "a ZIP archive (an .xlsx or .docx file is one); unzip it or save the sheet as CSV",
  },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: "a PDF document" },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], what: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: "a GIF image" },
  {
    bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66],
    what: "an SQLite database (a .strata workspace is one)",
  },
  { bytes: [0x50, 0x41, 0x52, 0x31], what: "a Parquet file; export it as CSV or NDJSON" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: "an old Office document (.xls); save the sheet as CSV" },
  { bytes: [0x42, 0x5a, 0x68], what: "bzip2 data; decompress it first" },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: "xz data; decompress it first" },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: "zstd data; decompress it first" },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: "a program (ELF)" },
  { bytes: [0x4f, 0x62, 0x6a, 0x01], what: "an Avro container; export it as CSV or NDJSON" },
];

/** Control characters text never holds (NUL, tab, LF, CR, FF and ESC aside: broken exports carry those). */
function isControl(c: number): boolean {
  return (c < 32 && c !== 0 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) || c === 127;
}

const SNIFF = 64 * 1024;
/**
 * Above this share of control characters a sample is not text. Bytes that are not valid UTF-8
 * (read as Windows-1252) must look like 8-bit text, which never holds C0 controls: a low bar.
 * Valid UTF-8 is rarely binary (random bytes almost never are valid UTF-8), so text with a few
 * stray controls in it is still read.
 */
const MAX_CONTROL = { utf8: 0.1, legacy: 0.01 };
const MIN_CONTROL = 8;
const MAX_NUL = 0.1;

/**
 * Why `b` (the file's first bytes, after gunzip; not UTF-16) is not text, or null when it may be.
 * `utf8`: whether the bytes are valid UTF-8.
 */
export function binaryReason(b: Uint8Array, utf8: boolean): string | null {
  for (const m of MAGIC) if (m.bytes.every((x, i) => b[i] === x)) return `it is ${m.what}`;
  const n = Math.min(b.length, SNIFF);
  if (n === 0) return null;
  let control = 0;
  let nul = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i] ?? outOfBounds();
    if (c === 0) nul++;
    else if (isControl(c)) control++;
  }
  if (control >= MIN_CONTROL && control / n > (utf8 ? MAX_CONTROL.utf8 : MAX_CONTROL.legacy))
    return `${((100 * control) / n).toFixed(1)}% of its first ${n.toLocaleString("en-US")} bytes are control characters that text does not contain`;
  if (nul / n > MAX_NUL)
    return `${((100 * nul) / n).toFixed(1)}% of its first ${n.toLocaleString("en-US")} bytes are NUL, and it is not UTF-16 text`;
  return null;
}
