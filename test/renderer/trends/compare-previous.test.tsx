import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TrendsQuery, TrendsResult } from "../../../src-preload/contract/trends.ts";
import { categoryColor } from "../../../src-renderer/charts/palette.ts";
import { TrendsNumbers } from "../../../src-renderer/features/trends/TrendsNumbers.tsx";
import { previousOf, trendsOption } from "../../../src-renderer/features/trends/transform.ts";

// The engine ranks the previous period's breakdown values on their own, so its entries come in their
// own order: each is paired with the current entry of the same series and value, never by position.

const q: TrendsQuery = {
  kind: "trends",
  series: [{ event: { event: "open" }, measure: "users" }],
  interval: "week",
  range: { from: "2024-06-03", to: "2024-06-16" },
  breakdown: { property: "os", limit: 3 },
  compare: "previousPeriod",
};
const r: TrendsResult = {
  intervals: ["2024-06-03", "2024-06-10"],
  series: [
    { series: 0, label: "open", breakdown: "iOS", values: [10, 12], total: 22 },
    { series: 0, label: "open", breakdown: "Android", values: [9, 11], total: 20 },
  ],
  previousIntervals: ["2024-05-20", "2024-05-27"],
  previous: [
    // Web was among last period's values only: nothing of this period to compare it with
    { series: 0, label: "open", breakdown: "Web", values: [20, 20], total: 40 },
    { series: 0, label: "open", breakdown: "Android", values: [14, 15], total: 29 },
    { series: 0, label: "open", breakdown: "iOS", values: [5, 6], total: 11 },
  ],
};

type Line = { name: string; color: string; data: (number | null)[] };
function isLine(s: unknown): s is Line {
  return typeof s === "object" && s !== null && "name" in s && "color" in s && "data" in s;
}

describe("trends compared to the previous period", () => {
  it("pairs previous entries by series and breakdown value", () => {
    expect(previousOf(r).map((e) => e?.total)).toEqual([11, 29]);
  });

  it("draws each previous line in the color of the line it compares with", () => {
    const series = trendsOption(r, q, "line").series;
    const lines = (Array.isArray(series) ? series : []).filter(isLine);
    const byName = (n: string) => lines.find((l) => l.name === n);
    expect(byName("A · open · iOS (previous)")?.color).toBe(categoryColor(0));
    expect(byName("A · open · iOS (previous)")?.data).toEqual([5, 6]);
    expect(byName("A · open · Android (previous)")?.color).toBe(categoryColor(1));
    expect(lines.some((l) => l.name.includes("Web"))).toBe(false);
  });

  it("puts each entry's own previous total under it in the number view", () => {
    const html = renderToStaticMarkup(<TrendsNumbers result={r} />);
    const kpis = html.split('<div class="kpi">').slice(1);
    expect(kpis[0]).toContain("A · open · iOS");
    expect(kpis[0]).toContain("previous period: 11");
    expect(kpis[1]).toContain("A · open · Android");
    expect(kpis[1]).toContain("previous period: 29");
    expect(html).not.toContain("40");
  });
});
