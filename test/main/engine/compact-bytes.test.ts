import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesBelow } from "../../../src-main/engine/columns/compact.ts";

// The open checks saved byte codes four at a time (a carry trick on 32-bit words); it must say what
// the obvious test of every byte says, at any length, alignment and limit.

describe("bytesBelow", () => {
  it("is true exactly when every byte is below the limit", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 7 }),
        fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 41 }),
        fc.integer({ min: 0, max: 40 }),
        (limit, offset, raw, near) => {
          // bytes mostly just below the limit, some at or above it: where a wrong carry would show
          const values = raw.map((b, i) =>
            i % 3 === 0 ? b : Math.max(0, Math.min(255, limit - 1 - (b % (near + 1)))),
          );
          const backing = new Uint8Array(offset + values.length);
          backing.set(values, offset);
          const bytes = backing.subarray(offset);
          expect(bytesBelow(bytes, limit)).toBe(values.every((b) => b < limit));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("finds one byte too high at every place of a word, and past the last whole word", () => {
    for (const limit of [1, 6, 100, 128, 129, 200, 255, 256]) {
      for (let at = 0; at < 11; at++) {
        const bytes = new Uint8Array(11).fill(limit - 1 >= 0 ? Math.min(255, limit - 1) : 0);
        if (limit > 255) continue;
        bytes[at] = limit;
        expect(bytesBelow(bytes, limit)).toBe(false);
        bytes[at] = limit - 1;
        expect(bytesBelow(bytes, limit)).toBe(true);
      }
    }
  });
});
