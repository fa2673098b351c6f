import { describe, expect, it } from "vitest";
import { refersToSegment } from "../../../src-main/workspace/segment-references.ts";

describe("refersToSegment", () => {
  it("finds `inSegment` under any field, so a query kind added later is covered", () => {
    const future = { kind: "crystalBall", lenses: [{ focus: { any: [{ inSegment: "seg_a" }] } }] };
    expect(refersToSegment(future, "seg_a")).toBe(true);
    expect(refersToSegment(future, "seg_b")).toBe(false);
  });

  it("does not take the id in a value or a look-alike key for a reference", () => {
    expect(refersToSegment({ attribute: { property: "inSegment", value: "seg_a" } }, "seg_a")).toBe(false);
    expect(refersToSegment({ inSegment: ["seg_a"] }, "seg_a")).toBe(false);
    expect(refersToSegment([{ name: '"inSegment":"seg_a"' }], "seg_a")).toBe(false);
  });

  it("walks a definition nested deeper than the stack allows", () => {
    let deep: unknown = { inSegment: "seg_a" };
    for (let level = 0; level < 200_000; level++) deep = { not: deep };
    expect(refersToSegment(deep, "seg_a")).toBe(true);
  });
});
