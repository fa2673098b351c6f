// Draws resources/icon.png (512x512): four rounded strata bands on a dark tile. Kept as code so the
// icon can be regenerated without an image editor: `node scripts/make-icon.ts`.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const S = 512;
const px = Buffer.alloc(S * S * 4);
const bands: [number, number, number][] = [
  [0x8b, 0xc3, 0xff],
  [0x4f, 0x8c, 0xf7],
  [0x2f, 0x62, 0xd8],
  [0x1d, 0x3f, 0x9e],
];

function inRounded(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

for (let y = 0; y < S; y++) {
  for (let x = 0; x < S; x++) {
    const i = (y * S + x) * 4;
    if (!inRounded(x, y, 16, 16, S - 16, S - 16, 96)) continue;
    let c: [number, number, number] = [0x13, 0x17, 0x22];
    bands.forEach((b, k) => {
      const top = 120 + k * 76;
      const inset = 90 - k * 14;
      if (inRounded(x, y, inset, top, S - inset, top + 56, 28)) c = b;
    });
    px[i] = c[0];
    px[i + 1] = c[1];
    px[i + 2] = c[2];
    px[i + 3] = 255;
  }
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

const raw = Buffer.alloc((S * 4 + 1) * S);
for (let y = 0; y < S; y++) px.copy(raw, y * (S * 4 + 1) + 1, y * S * 4, (y + 1) * S * 4);
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(S, 0);
ihdr.writeUInt32BE(S, 4);
ihdr[8] = 8;
ihdr[9] = 6;
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", ihdr),
  chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
  chunk("IEND", Buffer.alloc(0)),
]);
fs.writeFileSync(path.join(import.meta.dirname, "..", "resources", "icon.png"), png);
