import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { FunnelStepResult } from "../../../src-preload/contract/results.ts";
import { FunnelTable } from "../../../src-renderer/features/funnels/FunnelTable.tsx";
import { funnelBarsOption, stepRows } from "../../../src-renderer/features/funnels/transform.ts";

// The chart and the table attach each drop-off to the same step: the users who reached the previous
// step and not this one.

const step = (count: number, first: number): FunnelStepResult => ({
  count,
  conversionFromStart: count / first,
  conversionFromPrevious: 1,
  medianSecondsFromPrevious: null,
  avgSecondsFromPrevious: null,
});

describe("funnel drop-offs", () => {
  it("show the same number on the same step in the chart and the table", () => {
    const counts = [1000, 640, 200, 150];
    const rows = stepRows(
      counts.map((c) => step(c, 1000)),
      counts.map((_, i) => ({ event: `e${i}` })),
    );
    const colors = { accent: "#00f", surface: "#fff", dropped: "#ccc", text: "#000", muted: "#666" };
    const series = funnelBarsOption(rows, colors).series as { data: { value: number }[] }[];
    const chartDropped = series[1]?.data.map((d) => d.value) ?? [];
    const html = renderToStaticMarkup(
      <FunnelTable rows={rows} onSegment={() => undefined} selected={null} onSelect={() => undefined} />,
    );
    const tableDropped = counts.map((_, i) => {
      const m = html.match(new RegExp(`data-testid="funnel-dropped-${i}"[^>]*>(?:<button[^>]*>)?([^<(]*)`));
      const text = (m?.[1] ?? "").trim();
      return text === "–" ? 0 : Number(text.replace(/,/g, ""));
    });
    expect(chartDropped).toEqual([0, 360, 440, 50]);
    expect(tableDropped).toEqual(chartDropped);
  });
});
