import fc from "fast-check";
import { expect, it } from "vitest";
import { countBounds } from "../../../src-main/engine/segment.ts";
import type { Compare } from "../../../src-preload/contract/common.ts";

// A `performed` condition tests each user's count against [least, most] inline; for every whole
// count it must say what the operator says of it, whatever the value: whole or not, negative or
// not, on the count or beside it.

/** The operators as the spec words them. */
function holds(c: Compare, x: number): boolean {
  if (c.op === "between") return c.value[0] <= x && x <= c.value[1];
  if (c.op === "gte") return x >= c.value;
  if (c.op === "gt") return x > c.value;
  if (c.op === "eq") return x === c.value;
  if (c.op === "lte") return x <= c.value;
  return x < c.value;
}

const value = fc.oneof(
  fc.integer({ min: -3, max: 12 }),
  fc.integer({ min: -30, max: 120 }).map((v) => v / 10),
  fc.constantFrom(-0, 0.5, 1e-9, 2 - 1e-9, 1e9),
);
const compare: fc.Arbitrary<Compare> = fc.oneof(
  fc.record({
    op: fc.constantFrom("gte" as const, "gt" as const, "eq" as const, "lte" as const, "lt" as const),
    value,
  }),
  fc.tuple(value, value).map(([a, b]): Compare => ({ op: "between", value: a <= b ? [a, b] : [b, a] })),
);

it("countBounds holds for exactly the whole counts the operator holds for", () => {
  fc.assert(
    fc.property(compare, fc.integer({ min: 0, max: 15 }), (c, count) => {
      const [least, most] = countBounds(c);
      expect(count >= least && count <= most).toBe(holds(c, count));
    }),
    { numRuns: 2000 },
  );
});
