import { describe, expect, it } from "vitest";
import type { PathsQuery, SegmentFlowQuery } from "../../../src-preload/contract/paths.ts";
import { openedPaths, pathsQuery } from "../../../src-renderer/features/paths/draft.ts";
import { flowQuery, openedFlow } from "../../../src-renderer/features/segment-flow/report.ts";

// A saved Paths or Segment flow report opens as that report: its name in the title (so Save writes
// to it instead of creating a copy), and the query rebuilt from the opened editor and top bar is the
// saved one, so it does not open "changed".

const report = { id: "rep_1", name: "After checkout" };

describe("opening a saved paths report", () => {
  it("names the report and rebuilds its query", () => {
    const q: PathsQuery = {
      kind: "paths",
      start: { event: "checkout" },
      depth: 4,
      collapseRepeats: true,
      sessionGap: { value: 30, unit: "minute" },
      limit: 6,
      range: { last: 30, unit: "day" },
      timezone: "Asia/Tokyo",
    };
    const opened = openedPaths(q, report);
    expect(opened.report).toEqual(report);
    const rebuilt = pathsQuery(opened.draft, { range: q.range, timezone: "Asia/Tokyo", segment: null });
    expect(JSON.stringify(rebuilt)).toBe(opened.savedJson);
  });
});

describe("opening a saved segment flow report", () => {
  const states = [{ label: "Buyers", segment: { performed: { event: "purchase" } } }];
  const segment = { performed: { event: "signup" } };

  it("with a list of dates keeps the top bar's range and takes the report's timezone and segment", () => {
    const q: SegmentFlowQuery = {
      kind: "segmentFlow",
      states,
      at: ["2024-06-02", "2024-06-09"],
      timezone: "Asia/Tokyo",
      segment,
    };
    const range = { last: 90, unit: "day" } as const;
    const opened = openedFlow(q, report, range);
    expect(opened.report).toEqual(report);
    expect(opened.scope).toEqual({ range, timezone: "Asia/Tokyo", segment });
    const g = { range, timezone: "Asia/Tokyo", segment: { name: "Report segment", definition: segment } };
    expect(JSON.stringify(flowQuery(opened.states, opened.when, g))).toBe(opened.savedJson);
  });

  it("every week of a range takes the report's range", () => {
    const q: SegmentFlowQuery = {
      kind: "segmentFlow",
      states,
      at: { every: "week", range: { last: 30, unit: "day" } },
    };
    const opened = openedFlow(q, report, { last: 7, unit: "day" });
    expect(opened.scope).toEqual({ range: { last: 30, unit: "day" } });
    const g = { range: opened.scope.range, timezone: null, segment: null };
    expect(JSON.stringify(flowQuery(opened.states, opened.when, g))).toBe(opened.savedJson);
  });
});
