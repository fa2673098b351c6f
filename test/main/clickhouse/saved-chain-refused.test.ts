import { describe, expect, it } from "vitest";
import { makeChContext } from "../../../src-main/clickhouse/compile/context.ts";
import { segmentSql } from "../../../src-main/clickhouse/compile/segment.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";

// The cluster writes each mention of a saved segment into the SQL, so saved segments that each
// name the next several times grow it exponentially; past a bound the compile refuses by name
// (exit 2 in the CLI) before building anything, and the local engine (which evaluates each saved
// segment once) answers. Pure: no server needed.

function chain(levels: number, mentions: number): Map<string, Segment> {
  const saved = new Map<string, Segment>([["seg_0", { performed: { event: "buy" } }]]);
  for (let level = 1; level <= levels; level++)
    saved.set(`seg_${level}`, {
      any: Array.from({ length: mentions }, () => ({ inSegment: `seg_${level - 1}` })),
    });
  return saved;
}

const contextOf = (saved: Map<string, Segment>) =>
  makeChContext(
    { timezone: "UTC", weekStart: "monday", asOf: { mode: "latest" }, latestEventMs: null, notActivity: [] },
    {},
    (id) => saved.get(id),
  );

describe("saved segments on the cluster", () => {
  it("compiles a chain whose mentions stay few", () => {
    expect(segmentSql(contextOf(chain(4, 3)), { inSegment: "seg_4" }).length).toBeGreaterThan(0);
  });

  it("counts each outermost mention apart: 300 saved segments side by side compile", () => {
    const saved = chain(1, 1);
    const wide: Segment = { any: Array.from({ length: 300 }, () => ({ inSegment: "seg_1" })) };
    expect(segmentSql(contextOf(saved), wide).length).toBeGreaterThan(0);
  });

  it("refuses, by name, a chain that would write 3^8 of them", () => {
    expect(() => segmentSql(contextOf(chain(8, 3)), { inSegment: "seg_8" })).toThrow(
      /segment\.inSegment: not answered on the ClickHouse cluster \(saved segments are named more than 256 times inside one saved segment/,
    );
  });
});
