import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openSource, readText, readUtf8 } from "../../../src-main/import/text-source.ts";
import { tmpDir } from "../../helpers/tmp.ts";

// readUtf8 hands the CSV parser bytes where it used to get readText's strings: the text must be
// the same, whatever the bytes (BOM, NULs, invalid UTF-8, a character cut by a chunk's end).

async function both(bytes: Buffer, gzip = false): Promise<[string, string]> {
  const file = path.join(tmpDir("strata-utf8-"), gzip ? "t.csv.gz" : "t.csv");
  fs.writeFileSync(file, gzip ? zlib.gzipSync(bytes) : bytes);
  const { source } = await openSource(file);
  let text = "";
  for await (const s of readText(source, () => {})) text += s;
  const parts: Buffer[] = [];
  for await (const b of readUtf8(source, () => {})) parts.push(b);
  return [Buffer.concat(parts).toString("utf8"), text];
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
  Buffer.from([0xef, 0xbb, 0xbf]),
);

describe("readUtf8", () => {
  it("gives the text readText gives, as UTF-8, for any bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 40 }), fc.boolean(), async (pieces, gzip) => {
        const [utf8, text] = await both(Buffer.concat(pieces), gzip);
        expect(utf8).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps a character cut by the end of a read chunk whole", async () => {
    // reads come in 1 MiB chunks: put multi-byte characters (and a broken one) across that edge
    for (const shift of [1, 2, 3]) {
      const head = Buffer.alloc((1 << 20) - shift, "x");
      const [utf8, text] = await both(
        Buffer.concat([head, Buffer.from("😀é日\n"), Buffer.from([0xe2, 0x41])]),
      );
      expect(utf8).toBe(text);
      expect(utf8.endsWith("😀é日\n\ufffdA")).toBe(true);
    }
  });
});
