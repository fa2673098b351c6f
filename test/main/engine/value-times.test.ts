import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { valueTimes } from "../../../src-main/engine/columns/value-times.ts";

// The times of the values' events, gathered once per (times, values): each the time of its event,
// the same array for the same pair, and another timeline's times gathered for themselves.

describe("the times of a property's values", () => {
  it("are each value's event's time, gathered once for the same times and values", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.nat(),
        (list, seed) => {
          const times = Float64Array.from(list);
          const at = Int32Array.from(list.map((_, i) => i).filter((i) => (i * 7 + seed) % 3 === 0));
          const got = valueTimes(times, at);
          expect(Array.from(got)).toEqual(Array.from(at, (pos) => times[pos]));
          expect(valueTimes(times, at)).toBe(got);
          // other positions in the same times: their own
          const fewer = at.subarray(0, at.length >> 1).slice();
          expect(Array.from(valueTimes(times, fewer))).toEqual(Array.from(fewer, (pos) => times[pos]));
          // the same positions in other times (another timeline): their own
          const other = times.map((t) => t + 1);
          expect(Array.from(valueTimes(other, at))).toEqual(Array.from(at, (pos) => other[pos]));
        },
      ),
      { numRuns: 200 },
    );
  });
});
