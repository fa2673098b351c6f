import { describe, expect, it } from "vitest";
import { TrendsQuery } from "../../../src-preload/contract/trends.ts";
import {
  defaultTrends,
  trendsDraft,
  trendsQuery,
  withChart,
} from "../../../src-renderer/features/trends/draft.ts";

// The chart type travels with a saved report (issue 15): the saved query carries it, the engine's
// query does not, and reopening gives back the same saved JSON (so the report is not "modified").

const g = { range: { from: "2024-06-01", to: "2024-06-30" }, timezone: "UTC", segment: null };

describe("trends chart type saved with the report", () => {
  it("saves a chart other than the default line, and is a valid query", () => {
    const q = trendsQuery(defaultTrends(["purchase"]), g);
    expect(withChart(q, "line")).toBe(q);
    const saved = withChart(q, "stacked");
    expect(saved.chart).toBe("stacked");
    expect(q.chart).toBeUndefined();
    expect(TrendsQuery.safeParse(saved).success).toBe(true);
    expect(TrendsQuery.safeParse({ ...saved, chart: "pie" }).success).toBe(false);
  });

  it("reopening rebuilds the saved JSON exactly", () => {
    const saved = withChart(trendsQuery(defaultTrends(["purchase"]), g), "area");
    const reopened = withChart(trendsQuery(trendsDraft(saved), g), saved.chart ?? "line");
    expect(JSON.stringify(reopened)).toBe(JSON.stringify(saved));
  });
});
