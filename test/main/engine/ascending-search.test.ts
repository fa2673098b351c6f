import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indexInAscending } from "../../../src-main/engine/columns/ascending-search.ts";

// The users' index of an id when ids are too sparse for an array indexed by id: checked against a
// plain scan of the ids.

describe("an id among ascending ids", () => {
  it("is found where a scan finds it, and -1 where a scan does not", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.nat({ max: 60 }),
        (raw, probe, pick) => {
          const ids = Int32Array.from(raw.sort((a, b) => a - b));
          const id = ids.length > 0 && pick % 2 === 0 ? (ids[pick % ids.length] ?? probe) : probe;
          expect(indexInAscending(ids, ids.length, id)).toBe(Array.from(ids).indexOf(id));
        },
      ),
      { numRuns: 500 },
    );
  });
});
