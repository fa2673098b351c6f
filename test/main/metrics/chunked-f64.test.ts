import fc from "fast-check";
import { expect, it } from "vitest";
import { ChunkedF64 } from "../../../src-main/engine/metrics/chunked-f64.ts";

// The growing list keeps every value pushed, in order, whatever chunk each one landed in; its chunks
// double from 64K values and stop growing at 4M.

function mismatches(chunks: Float64Array[], value: (i: number) => number): number {
  let bad = 0;
  let i = 0;
  for (const c of chunks) for (const v of c) if (!Object.is(v, value(i++))) bad++;
  return bad;
}

it("gives back every value pushed, in order, across its growing chunks", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 300_000 }), fc.double({ noNaN: true }), (n, scale) => {
      const list = new ChunkedF64();
      for (let i = 0; i < n; i++) list.push(i * scale);
      const chunks = list.chunks();
      expect(chunks.reduce((sum, c) => sum + c.length, 0)).toBe(n);
      expect(mismatches(chunks, (i) => i * scale)).toBe(0);
    }),
    { numRuns: 12 },
  );
});

it("grows its chunks up to 4M values, then adds chunks of that size", () => {
  const n = 13_000_000;
  const list = new ChunkedF64();
  for (let i = 0; i < n; i++) list.push(i);
  const chunks = list.chunks();
  const full = chunks.slice(0, -1).map((c) => c.length);
  const doubling = [16, 17, 18, 19, 20, 21, 22].map((e) => 2 ** e);
  expect(full.slice(0, doubling.length)).toEqual(doubling);
  for (const size of full.slice(doubling.length)) expect(size).toBe(2 ** 22);
  expect(full.length).toBeGreaterThan(doubling.length);
  expect(mismatches(chunks, (i) => i)).toBe(0);
});

it("starts from a first chunk of any length, and keeps every value across its chunks", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 5000 }), (first, n) => {
      const list = new ChunkedF64(first);
      for (let i = 0; i < n; i++) list.push(i / 3);
      const chunks = list.chunks();
      expect(chunks[0]?.length).toBe(Math.min(first, n));
      expect(chunks.reduce((sum, c) => sum + c.length, 0)).toBe(n);
      expect(mismatches(chunks, (i) => i / 3)).toBe(0);
    }),
    { numRuns: 50 },
  );
});

it("refuses a first chunk that could hold no value", () => {
  for (const first of [0, -1, 1.5, Number.NaN]) expect(() => new ChunkedF64(first)).toThrow(RangeError);
});
