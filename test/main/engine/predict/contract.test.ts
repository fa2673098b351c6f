import { describe, expect, it } from "vitest";
import { parseOrThrow } from "../../../../src-main/validate.ts";
import { Query } from "../../../../src-preload/contract/queries.ts";
import { Segment } from "../../../../src-preload/contract/segment.ts";

const P = { kind: "propensity", target: { event: "buy" }, horizon: { value: 2, unit: "week" } };

describe("predictive kinds in the contract", () => {
  it("accept the spec's shapes", () => {
    expect(parseOrThrow(Query, P, "query")).toEqual(P);
    expect(parseOrThrow(Query, { kind: "bestSendTime", timezone: "Asia/Kolkata" }, "query").kind).toBe(
      "bestSendTime",
    );
    expect(parseOrThrow(Segment, { propensity: P, topPercent: 12.5 }, "segment")).toEqual({
      propensity: P,
      topPercent: 12.5,
    });
    expect(
      parseOrThrow(Segment, { propensity: P, score: { op: "gte", value: 0.4 } }, "segment"),
    ).toBeDefined();
  });

  it("name the field of each refusal", () => {
    expect(() => parseOrThrow(Query, { ...P, horizon: { value: 13, unit: "week" } }, "query")).toThrow(
      /horizon/,
    );
    expect(() => parseOrThrow(Segment, { propensity: P, topPercent: 0 }, "segment")).toThrow(
      /topPercent|propensity/,
    );
    expect(() => parseOrThrow(Segment, { propensity: P, topPercent: 101 }, "segment")).toThrow();
    expect(() =>
      parseOrThrow(
        Query,
        { kind: "userColumns", segment: { all: [] }, columns: ["$propensityScore"] },
        "query",
      ),
    ).toThrow(/propensity/);
    expect(() =>
      parseOrThrow(Query, { kind: "userColumns", segment: { all: [] }, columns: ["email"] }, "query"),
    ).toThrow(/columns/);
    expect(() => parseOrThrow(Query, { ...P, extra: 1 }, "query")).toThrow(/extra/);
  });
});
