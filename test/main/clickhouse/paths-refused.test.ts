import { describe, expect, it } from "vitest";
import { makeChContext } from "../../../src-main/clickhouse/compile/context.ts";
import { segmentSql } from "../../../src-main/clickhouse/compile/segment.ts";
import { runSegmentFlowOn } from "../../../src-main/clickhouse/compile/segment-flow.ts";
import { ChHttp } from "../../../src-main/clickhouse/http.ts";
import type { SegmentFlowQuery } from "../../../src-preload/contract/paths.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";

// A segment flow state is judged on the events up to each date. Conditions that read events
// through a query of their own (funnels, retention, RFM, propensity, paths, nested flows) are not
// cut at the date on the cluster, so a state holding one is refused by name before anything is
// sent (the client below is never reached: port 9 discards). The same conditions outside a flow's
// states are answered (or refused) as segment.ts says.

const ch = new ChHttp({ url: "http://127.0.0.1:9", user: "x", password: "", database: "x", cluster: "x" });
const ctx = makeChContext(
  { timezone: "UTC", weekStart: "monday", asOf: { mode: "latest" }, latestEventMs: null, notActivity: [] },
  {},
  () => undefined,
);
const range = { from: "2024-06-01", to: "2024-06-30" };
const funnel = { kind: "funnel" as const, steps: [{ event: "signup" }, { event: "buy" }], range };
const flowOf = (segment: Segment): SegmentFlowQuery => ({
  kind: "segmentFlow",
  states: [
    { label: "Fine", segment: { performed: { event: "buy" } } },
    { label: "Nested", segment },
  ],
  at: ["2024-06-10", "2024-06-20"],
});
const refused = (field: string) =>
  new RegExp(`^${field.replace(/[.[\]]/g, "\\$&")}: not answered on the ClickHouse cluster`);

const nested: [string, Segment][] = [
  ["funnel", { funnel, reached: 1 }],
  [
    "retention",
    {
      retention: {
        kind: "retention",
        target: { event: "signup" },
        return: { event: "buy" },
        interval: "day",
        periods: 2,
        range,
      },
      cohort: "2024-06-03",
    },
  ],
  ["paths", { paths: { kind: "paths", range }, step: 0, event: "buy" }],
  ["segmentFlow", { segmentFlow: flowOf({ firstSeen: range }), at: "2024-06-10", state: "Fine" }],
];

describe("segment flow states the cluster cannot cut at a date are refused by name", () => {
  for (const [name, segment] of nested) {
    it(`a state holding a ${name} condition`, async () => {
      await expect(runSegmentFlowOn(ch, ctx, flowOf(segment))).rejects.toThrow(
        refused(`query.states[1].segment.${name}`),
      );
      // inside all/not, and in the flow's own segment
      await expect(runSegmentFlowOn(ch, ctx, flowOf({ all: [{ not: segment }] }))).rejects.toThrow(
        refused(`query.states[1].segment.all[0].not.${name}`),
      );
      await expect(runSegmentFlowOn(ch, ctx, { ...flowOf({ firstSeen: range }), segment })).rejects.toThrow(
        refused(`query.segment.${name}`),
      );
      // and when the flow is clicked into, as a segment condition
      expect(() =>
        segmentSql(ctx, { segmentFlow: flowOf(segment), at: "2024-06-10", state: "Fine" }),
      ).toThrow(refused(`segment.segmentFlow.states[1].segment.${name}`));
    });
  }

  it("a state of per-user conditions compiles", () => {
    const q = flowOf({
      any: [
        { lastSeen: { last: 3, unit: "day" } },
        { aggregate: { event: "buy" }, property: "amount", fn: "sum", compare: { op: "gte", value: 10 } },
      ],
    });
    expect(segmentSql(ctx, { segmentFlow: q, at: "2024-06-10", state: "Nested", next: "$none" })).toMatch(
      /multiIf/,
    );
  });
});
