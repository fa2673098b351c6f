import { describe, expect, it } from "vitest";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { jsonDepth } from "../../../src-preload/contract/json-depth.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import { MAX_SEGMENT_JSON_DEPTH, Segment } from "../../../src-preload/contract/segment.ts";

// Finding 8 of issue 20: 2,000-deep nested segments overflowed the stack ("Maximum call stack size
// exceeded", exit 1). The schema refuses them with a message naming the field.

function nested(levels: number, wrap: (s: unknown) => unknown): unknown {
  let s: unknown = { performed: { event: "x" } };
  for (let i = 0; i < levels; i++) s = wrap(s);
  return s;
}

describe("segment depth", () => {
  for (const [name, wrap] of [
    ["not", (s: unknown) => ({ not: s })],
    ["all", (s: unknown) => ({ all: [s] })],
    ["any", (s: unknown) => ({ any: [{ performed: { event: "y" } }, s] })],
  ] as const) {
    it(`refuses 2,000 and 100,000 levels of ${name} in a query, naming the field`, () => {
      for (const levels of [2_000, 100_000]) {
        expect(() =>
          parseOrThrow(Query, { kind: "segmentCount", segment: nested(levels, wrap) }, "query"),
        ).toThrow(/^query\.segment: the segment is nested deeper than 200 levels/);
      }
    });
  }

  it("accepts a segment just within the limit and measures depth like an independent walk", () => {
    const ok = nested(60, (s) => ({ all: [s] }));
    expect(Segment.safeParse(ok).success).toBe(true);
    // reference: a recursive depth, fine at this size
    const ref = (v: unknown): number =>
      typeof v === "object" && v !== null ? 1 + Math.max(0, ...Object.values(v).map(ref)) : 0;
    for (const v of [ok, nested(5, (s) => ({ not: s })), [], {}, 3, [[[1]], { a: { b: [] } }]])
      expect(jsonDepth(v)).toBe(ref(v));
    expect(
      jsonDepth(
        nested(1000, (s) => ({ not: s })),
        MAX_SEGMENT_JSON_DEPTH,
      ),
    ).toBe(MAX_SEGMENT_JSON_DEPTH + 1);
  });
});
