import { describe, expect, it } from "vitest";
import type { FunnelQuery } from "../../../src-preload/contract/queries.ts";
import type { FunnelStepResult } from "../../../src-preload/contract/results.ts";
import { Segment } from "../../../src-preload/contract/segment.ts";
import {
  breakdownOption,
  bucketLabel,
  droppedSegment,
  funnelBarsOption,
  reachedSegment,
  stepRows,
} from "../../../src-renderer/features/funnels/transform.ts";

function step(count: number, start: number, prev: number, median: number | null = null): FunnelStepResult {
  return {
    count,
    conversionFromStart: count / start,
    conversionFromPrevious: prev ? count / prev : 0,
    medianSecondsFromPrevious: median,
    avgSecondsFromPrevious: median,
  };
}

const steps = [step(1000, 1000, 1000), step(400, 1000, 1000, 600), step(100, 1000, 400, 7200)];
const matchers = [
  { event: "view_item" },
  { event: "add_to_cart", where: [{ property: "price", op: "gt" as const, value: 5 }] },
  { event: "purchase" },
];
const query: FunnelQuery = { kind: "funnel", steps: matchers, range: { last: 30, unit: "day" } };

describe("funnel transforms", () => {
  it("computes drop-off between steps from the counts", () => {
    const rows = stepRows(steps, matchers);
    expect(rows.map((r) => r.dropped)).toEqual([0, 600, 300]);
    expect(rows[1]?.droppedShare).toBeCloseTo(0.6);
    expect(rows[2]?.droppedShare).toBeCloseTo(0.75);
    expect(rows[1]?.label).toBe("2. add_to_cart (+1 filter)");
    expect(rows[0]?.medianSeconds).toBeNull();
  });

  it("measures an optional step and the step after it against the previous required step", () => {
    // 1000 entered; 400 did the optional step 2; 700 reached step 3, which follows step 1
    const opt = [step(1000, 1000, 1000), step(400, 1000, 1000, 60), step(700, 1000, 1000, 600)];
    const rows = stepRows(opt, matchers, [1]);
    expect(rows.map((r) => [r.optional, r.prevIndex, r.dropped])).toEqual([
      [false, 0, 0],
      [true, 0, 600],
      [false, 0, 300],
    ]);
    expect(rows[1]?.label).toBe("2. add_to_cart (+1 filter) (optional)");
  });

  it("stacks converted and dropped bars to the previous step's count, labeled", () => {
    const rows = stepRows(steps, matchers);
    const o = funnelBarsOption(rows, {
      accent: "#0000ff",
      surface: "#ffffff",
      dropped: "#eee",
      text: "#111",
      muted: "#666",
    });
    const series = o.series as {
      name: string;
      data: { value: number; label: { formatter: string; show?: boolean } }[];
    }[];
    expect(series.map((s) => s.name)).toEqual(["Converted", "Dropped off"]);
    const total = series[0]!.data.map((d, i) => d.value + series[1]!.data[i]!.value);
    expect(total).toEqual([1000, 1000, 400]);
    expect(series[1]!.data[1]!.label).toMatchObject({
      formatter: "{d|▼ 600 (60.0%)}",
      position: "insideRight",
    });
    expect(series[1]!.data[0]!.label.show).toBe(false);
    expect(series[0]!.data[1]!.label).toMatchObject({ show: true, formatter: "400 · 40.0%" });
  });

  it("moves a narrow bar's numbers into the drop-off label so labels never overlap", () => {
    const rows = stepRows(steps, matchers);
    const o = funnelBarsOption(rows, {
      accent: "#0000ff",
      surface: "#ffffff",
      dropped: "#eee",
      text: "#111",
      muted: "#666",
    });
    type L = { formatter: string; show?: boolean; position?: string };
    const series = o.series as { data: { label: L }[] }[];
    expect(series[0]!.data[2]!.label.show).toBe(false);
    expect(series[1]!.data[2]!.label).toMatchObject({
      formatter: "{c|100 · 10.0%}  {d|▼ 300 (75.0%)}",
      position: "right",
    });
  });

  it("builds segment conditions the contract accepts", () => {
    const d = droppedSegment(query, 1);
    expect(d.definition).toEqual({ funnel: query, droppedAfter: 1 });
    expect(Segment.safeParse(d.definition).success).toBe(true);
    const r = reachedSegment(query, 2);
    expect(r.name).toMatch(/^Converted/);
    expect(Segment.safeParse(r.definition).success).toBe(true);
  });

  it("draws one series per breakdown value with conversion from start", () => {
    const o = breakdownOption(
      {
        steps,
        breakdown: [
          { value: "DE", steps },
          { value: null, steps },
          { value: "x", other: true, steps },
        ],
      },
      matchers,
    );
    const series = (o?.series ?? []) as { name: string; data: number[] }[];
    expect(series.map((s) => s.name)).toEqual(["DE", "(not set)", "Other values"]);
    expect(series[0]?.data).toEqual([1, 0.4, 0.1]);
    expect(breakdownOption({ steps }, matchers)).toBeNull();
  });

  it("labels histogram buckets in humanized time", () => {
    expect(bucketLabel([60, 3600, Number.POSITIVE_INFINITY], 1)).toBe("≤ 1 h");
    expect(bucketLabel([60, 3600], 2)).toBe("> 1 h");
  });
});
