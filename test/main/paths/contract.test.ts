import { describe, expect, it } from "vitest";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import { Segment } from "../../../src-preload/contract/segment.ts";

// The two kinds parse, and each refinement's error names its field.

const range = { from: "2024-06-01", to: "2024-06-30" };
const flow = {
  kind: "segmentFlow",
  states: [{ label: "A", segment: { all: [] } }],
  at: ["2024-06-01", "2024-06-02"],
};
const bad = (q: unknown, field: RegExp) => expect(() => parseOrThrow(Query, q, "query")).toThrow(field);

describe("paths and segmentFlow requests", () => {
  it("accept the spec's shapes", () => {
    expect(parseOrThrow(Query, { kind: "paths", range }).kind).toBe("paths");
    expect(
      parseOrThrow(Query, {
        kind: "paths",
        end: { event: "buy" },
        depth: 10,
        limit: 50,
        hide: ["ping"],
        range,
      }).kind,
    ).toBe("paths");
    expect(parseOrThrow(Query, flow).kind).toBe("segmentFlow");
    expect(parseOrThrow(Query, { ...flow, at: { every: "week", range }, weekStart: "sunday" }).kind).toBe(
      "segmentFlow",
    );
  });
  it("name the field of each refinement", () => {
    bad({ kind: "paths", start: { event: "a" }, end: { event: "b" }, range }, /query\.end/);
    bad({ kind: "paths", depth: 1, range }, /query\.depth/);
    bad({ kind: "paths", limit: 51, range }, /query\.limit/);
    bad({ ...flow, states: [] }, /query\.states/);
    bad({ ...flow, at: ["2024-06-01"] }, /query\.at/);
    bad({ ...flow, at: ["2024-06-02", "2024-06-01"] }, /query\.at\[1\]/);
    bad({ ...flow, states: [{ label: "$notYet", segment: { all: [] } }] }, /query\.states\[0\]\.label/);
  });
  it("a segment can hold a paths node and a flow band", () => {
    const paths = { kind: "paths", range };
    expect(parseOrThrow(Segment, { paths, step: 1, event: "buy", to: "view" }, "segment")).toBeTruthy();
    expect(
      parseOrThrow(Segment, { segmentFlow: flow, at: "2024-06-01", state: "A", next: "$none" }, "segment"),
    ).toBeTruthy();
    expect(() => parseOrThrow(Segment, { paths, step: 10, event: "buy" }, "segment")).toThrow(/step/);
  });
});
