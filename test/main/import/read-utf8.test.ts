import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  NotUtf8Error,
  openSource,
  readText,
  readUtf8,
  type TextSource,
} from "../../../src-main/import/text-source.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// readUtf8 hands the CSV parser bytes, readText the JSON parsers strings: both must give the text
// TextDecoder gives (BOM and NULs dropped, a character cut by a chunk's end kept whole), and a
// file read as UTF-8 must stop at its first byte that is not UTF-8, naming it, instead of
// replacing it with U+FFFD.

async function source(bytes: Buffer, gzip: boolean): Promise<TextSource> {
  const file = path.join(tmpDir("strata-utf8-"), gzip ? "t.csv.gz" : "t.csv");
  fs.writeFileSync(file, gzip ? zlib.gzipSync(bytes) : bytes);
  return (await openSource(file)).source;
}

interface Read {
  text: string;
  /** the byte NotUtf8Error named, null when the whole text was read */
  badByte: number | null;
}

async function both(src: TextSource): Promise<[Read, Read]> {
  const fromText: Read = { text: "", badByte: null };
  const fromBytes: Read = { text: "", badByte: null };
  const parts: Buffer[] = [];
  const caught = (read: Read) => (e: unknown) => {
    if (!(e instanceof NotUtf8Error)) throw e;
    read.badByte = e.byte;
  };
  await (async () => {
    for await (const s of readText(src, () => {})) fromText.text += s;
  })().catch(caught(fromText));
  await (async () => {
    for await (const b of readUtf8(src, () => {})) parts.push(b);
  })().catch(caught(fromBytes));
  fromBytes.text = Buffer.concat(parts).toString("utf8");
  return [fromBytes, fromText];
}

/**
 * Where the first ill-formed UTF-8 sequence starts, by TextDecoder alone: the longest prefix a
 * streaming fatal decoder takes, cut back to its last whole character.
 */
function firstBad(bytes: Buffer): number {
  const decodes = (end: number, stream: boolean) => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end), { stream });
      return true;
    } catch {
      return false;
    }
  };
  let taken = 0;
  while (taken < bytes.length && decodes(taken + 1, true)) taken++;
  while (taken > 0 && !decodes(taken, false)) taken--;
  return taken;
}

const piece = fc.constantFrom(
  Buffer.from("a,b\n"),
  Buffer.from("é"),
  Buffer.from("日本"),
  Buffer.from("😀"),
  Buffer.from([0]),
  Buffer.from([0xff]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0xc3]),
  Buffer.from([0x80, 0x80]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xef, 0xbb, 0xbf]),
);

describe("readUtf8 and readText", () => {
  it("read UTF-8 as TextDecoder does up to the first byte that is not UTF-8, and name that byte", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 40 }), fc.boolean(), async (pieces, gzip) => {
        const bytes = Buffer.concat(pieces);
        // as if the first 256 KB had been UTF-8: the bytes after them are checked as read
        const src: TextSource = { ...(await source(bytes, gzip)), encoding: "utf-8" };
        const bad = firstBad(bytes);
        const want = {
          text: new TextDecoder("utf-8").decode(bytes.subarray(0, bad)).replaceAll("\0", ""),
          badByte: bad === bytes.length ? null : bad,
        };
        expect(await both(src)).toEqual([want, want]);
      }),
      { numRuns: 200 },
    );
  });

  it("read a file whose start is not UTF-8 as Windows-1252, whatever its bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 40 }), async (pieces) => {
        const bytes = Buffer.concat([Buffer.from([0xe9]), ...pieces]);
        const src = await source(bytes, false);
        if (src.encoding !== "windows-1252") return;
        // streaming: Node 24 decodes windows-1252 in one call as Latin-1 (0x82 as U+0082, not ‚)
        const decoded = new TextDecoder("windows-1252").decode(bytes, { stream: true });
        const want = { text: decoded.replaceAll("\0", ""), badByte: null };
        expect(await both(src)).toEqual([want, want]);
      }),
      { numRuns: 100 },
    );
  });

  it("keep a character cut by the end of a read chunk whole, and count bytes across chunks", async () => {
    // reads come in 1 MiB chunks: put multi-byte characters (and a broken one) across that edge
    for (const shift of [1, 2, 3]) {
      const head = Buffer.alloc((1 << 20) - shift, "x");
      const tail = Buffer.from("😀é日\n");
      const whole = `${head.toString()}😀é日\n`;
      const valid = { text: whole, badByte: null };
      expect(await both(await source(Buffer.concat([head, tail]), false))).toEqual([valid, valid]);
      const broken = { text: whole, badByte: head.length + tail.length };
      const src = await source(Buffer.concat([head, tail, Buffer.from([0xe2, 0x41])]), false);
      expect(await both(src)).toEqual([broken, broken]);
    }
  });
});
