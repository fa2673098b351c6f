import { describe, expect, it } from "vitest";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Segment } from "../../../src-preload/contract/segment.ts";

// A segment's conditions are parsed inside transforms (keyed unions, the depth check), which could
// only pass a union's failure on as "Invalid input" at its parent: `count: Invalid input` named
// neither the misspelled field nor what it allows.

const message = (value: unknown) => {
  try {
    parseOrThrow(Segment, value, "segment");
    return "";
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
};

describe("a segment condition's validation message", () => {
  it("names the field inside a count and the operators allowed", () => {
    expect(message({ performed: { event: "buy" }, count: { op: "bogus", value: 1 } })).toBe(
      'segment.count.op: expected one of "gte"|"gt"|"eq"|"lte"|"lt" (got "bogus")',
    );
  });

  it("names a value of the wrong type, nested in all", () => {
    expect(message({ all: [{ performed: { event: "buy" }, count: { op: "gte", value: "x" } }] })).toMatch(
      /^segment\.all\[0\]\.count\.value: expected number/,
    );
  });

  it("names an attribute filter's misspelled operator", () => {
    expect(message({ attribute: { property: "plan", op: "eqq", value: 1 } })).toMatch(
      /^segment\.attribute\.op: expected one of "eq"\|/,
    );
  });
});
