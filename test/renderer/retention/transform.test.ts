import { describe, expect, it } from "vitest";
import type { RetentionQuery } from "../../../src-preload/contract/queries.ts";
import type { RetentionCohort } from "../../../src-preload/contract/results.ts";
import { Segment } from "../../../src-preload/contract/segment.ts";
import { DEFAULT_RAMP, luminance } from "../../../src-renderer/charts/palette.ts";
import {
  cohortCells,
  cohortSegment,
  curveOption,
  emptyPoint,
  heatStyle,
} from "../../../src-renderer/features/retention/transform.ts";

// Three weekly cohorts over a 4-period table; the later ones have periods that are not over yet.
const cohorts: RetentionCohort[] = [
  { start: "2024-06-03", size: 100, values: [100, 40, 30, 20], incomplete: 0 },
  { start: "2024-06-10", size: 300, values: [300, 60, 30, 0], incomplete: 1 },
  { start: "2024-06-17", size: 50, values: [50, 0, 0, 0], incomplete: 3 },
  { start: "2024-06-24", size: 0, values: [0, 0, 0, 0], incomplete: 3 },
];

describe("retention transforms", () => {
  it("marks trailing periods incomplete instead of reporting 0%", () => {
    const cells = cohortCells(cohorts[1]!);
    expect(cells.map((c) => c.state)).toEqual(["value", "value", "value", "incomplete"]);
    expect(cells[1]).toEqual({ state: "value", users: 60, share: 0.2 });
  });

  it("plots shares and leaves unknown periods as gaps", () => {
    const first = { period: 0, share: 1, users: 50, base: 50, cohorts: 1 };
    const o = curveOption([first, emptyPoint(1), emptyPoint(2)], "week", "#00f", "on");
    const s = (o.series as { data: (number | null)[] }[])[0];
    expect(s?.data).toEqual([1, null, null]);
  });

  it("flips text color for contrast across the ramp in both themes", () => {
    for (const ramp of [DEFAULT_RAMP.light, DEFAULT_RAMP.dark]) {
      for (const share of [0, 0.05, 0.2, 0.35, 0.5, 0.7, 1]) {
        const { background, color } = heatStyle(share, ramp);
        const lb = luminance(background);
        const lt = luminance(color);
        const ratio = (Math.max(lb, lt) + 0.05) / (Math.min(lb, lt) + 0.05);
        expect(ratio).toBeGreaterThan(4.5);
      }
    }
    expect(heatStyle(1, DEFAULT_RAMP.light).color).toBe("#ffffff");
    expect(heatStyle(0, DEFAULT_RAMP.light).color).toBe("#111111");
    expect(heatStyle(1, DEFAULT_RAMP.dark).color).toBe("#111111");
  });

  it("creates valid cohort segments", () => {
    const q: RetentionQuery = {
      kind: "retention",
      target: { event: null },
      return: { event: null },
      interval: "week",
      periods: 4,
      range: { last: 30, unit: "day" },
    };
    const a = cohortSegment(q, "2024-06-10");
    const b = cohortSegment(q, "2024-06-10", 2);
    expect(a.definition).toEqual({ retention: q, cohort: "2024-06-10" });
    expect(b.definition).toEqual({ retention: q, cohort: "2024-06-10", returnedIn: 2 });
    expect(Segment.safeParse(a.definition).success).toBe(true);
    expect(Segment.safeParse(b.definition).success).toBe(true);
  });
});
