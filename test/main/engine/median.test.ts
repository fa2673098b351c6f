import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { medianInPlace } from "../../../src-main/engine/funnel/median.ts";

describe("medianInPlace", () => {
  it("equals the middle of the sorted values (mean of the two middle ones for an even count)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: -5, max: 5 }).map((x) => x * 1.5),
          { maxLength: 40 },
        ),
        (xs) => {
          const s = [...xs].sort((a, b) => a - b);
          const h = s.length >> 1;
          const want =
            s.length === 0 ? null : s.length % 2 ? s[h] : ((s[h - 1] as number) + (s[h] as number)) / 2;
          expect(medianInPlace(Float64Array.from(xs))).toBe(want);
        },
      ),
      { numRuns: 300 },
    );
  });
});
