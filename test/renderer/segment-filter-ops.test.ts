import { describe, expect, it } from "vitest";
import { withProperty } from "../../src-renderer/features/segments/editors/filter-ops.ts";

// The builder's filter moved to another property: the engine compares values by type, so a value
// kept with the wrong type counts nobody while the inputs show something else.

describe("a filter moved to a property of another type", () => {
  it("reads a boolean property's value as a boolean, not the text of the last property", () => {
    expect(
      withProperty({ property: "source", scope: "user", op: "eq", value: "organic" }, "opt_in", "boolean"),
    ).toEqual({ property: "opt_in", scope: "user", op: "eq", value: true });
    expect(withProperty({ property: "source", op: "eq", value: "false" }, "opt_in", "boolean")).toEqual({
      property: "opt_in",
      op: "eq",
      value: false,
    });
  });

  it("reads numbers typed as text as numbers, in lists and ranges too, and back as text", () => {
    expect(withProperty({ property: "plan", op: "in", value: ["30", "x"] }, "age", "number")).toEqual({
      property: "age",
      op: "in",
      value: [30, "x"],
    });
    expect(withProperty({ property: "age", op: "between", value: [1, 5] }, "price", "number")).toEqual({
      property: "price",
      op: "between",
      value: [1, 5],
    });
    expect(withProperty({ property: "age", op: "eq", value: 30 }, "plan", "string")).toEqual({
      property: "plan",
      op: "eq",
      value: "30",
    });
  });

  it("changes an operator the new type does not offer, and keeps one it does", () => {
    expect(withProperty({ property: "plan", op: "contains", value: "pro" }, "age", "number")).toEqual({
      property: "age",
      op: "eq",
      value: "pro",
    });
    expect(withProperty({ property: "plan", op: "isSet" }, "opt_in", "boolean")).toEqual({
      property: "opt_in",
      op: "isSet",
    });
  });
});
