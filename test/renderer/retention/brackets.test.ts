import { describe, expect, it } from "vitest";
import { RetentionQuery } from "../../../src-preload/contract/queries.ts";
import type { RetentionCohort } from "../../../src-preload/contract/results.ts";
import {
  DEFAULT_RETENTION,
  PRESET_BRACKETS,
  retentionDraft,
  retentionQuery,
} from "../../../src-renderer/features/retention/draft.ts";
import {
  bracketCells,
  bracketLabel,
  periodLabel,
} from "../../../src-renderer/features/retention/transform.ts";

const g = { range: { from: "2024-06-01", to: "2024-06-30" }, timezone: "UTC", segment: null };

describe("retention brackets and hours in the view", () => {
  it("sends brackets only when some are set, and reads them back from a saved query", () => {
    expect(retentionQuery(DEFAULT_RETENTION, g).brackets).toBeUndefined();
    const q = retentionQuery({ ...DEFAULT_RETENTION, interval: "hour", brackets: PRESET_BRACKETS }, g);
    expect(RetentionQuery.safeParse(q).success).toBe(true);
    expect(retentionDraft(q)).toMatchObject({ interval: "hour", brackets: PRESET_BRACKETS });
  });

  it("labels brackets and hours", () => {
    expect(bracketLabel("day", { from: 1, to: 1 })).toBe("Day 1");
    expect(bracketLabel("hour", { from: 2, to: 7 })).toBe("Hours 2\u20137");
    expect(periodLabel("hour", 3)).toBe("Hour 3");
  });

  it("shows the engine's counts as shares and marks brackets reaching past the data", () => {
    const c: RetentionCohort = {
      start: "2024-06-28",
      size: 10,
      values: [10, 4, 0],
      incomplete: 1,
      brackets: [4, 6],
    };
    const cells = bracketCells(c, 1, 3, [
      { from: 1, to: 1 },
      { from: 1, to: 2 },
    ]);
    expect(cells).toEqual([
      { state: "value", users: 4, share: 0.4, growing: false },
      { state: "value", users: 6, share: 0.6, growing: true },
    ]);
    expect(bracketCells({ ...c, size: 0 }, 1, 3, [{ from: 1, to: 1 }])).toEqual([{ state: "empty" }]);
  });
});
