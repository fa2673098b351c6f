import fc from "fast-check";
import { expect, it } from "vitest";
import { ChunkedF64 } from "../../../src-main/engine/metrics/chunked-f64.ts";

// The growing list keeps every value pushed, in order, whatever chunk each one landed in (the chunks
// grow from 64K values: the sizes below cross three of them).

it("gives back every value pushed, in order, across its growing chunks", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 500_000 }), fc.double({ noNaN: true }), (n, scale) => {
      const list = new ChunkedF64();
      for (let i = 0; i < n; i++) list.push(i * scale);
      const chunks = list.chunks();
      expect(chunks.reduce((sum, c) => sum + c.length, 0)).toBe(n);
      let i = 0;
      for (const c of chunks) for (const v of c) expect(Object.is(v, i++ * scale)).toBe(true);
    }),
    { numRuns: 12 },
  );
});
