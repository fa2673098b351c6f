import { describe, expect, it } from "vitest";
import type { SavedSegment } from "../../../src-preload/contract/methods/saved.ts";
import type { CompareQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { CompareMetricResult } from "../../../src-preload/contract/metric-results.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import {
  ALL,
  armChoices,
  armKey,
  armsFromReport,
  resolveArms,
  savedArm,
} from "../../../src-renderer/features/compare/arms.ts";
import { panelLabel } from "../../../src-renderer/features/compare/transform.ts";

// Compare ticks a saved segment by its id and reads its definition from the saved list each time it
// builds the query, so an edit in Segments is what the next comparison runs.

const spent = (over: number): Segment => ({
  all: [{ performed: { event: "purchase", where: [{ property: "amount", op: "gt", value: over }] } }],
});

const saved = (id: string, name: string, definition: Segment): SavedSegment => ({
  type: "segment",
  id,
  name,
  definition,
  createdAt: "2024-06-01T00:00:00Z",
  modifiedAt: "2024-06-01T00:00:00Z",
  lastResult: null,
});

describe("compare arms", () => {
  it("a ticked saved segment changed in Segments is queried as it is now", () => {
    const x = saved("s1", "High spenders", spent(100));
    const arms = [ALL, savedArm(x)];
    expect(resolveArms(arms, [x]).segments[1]).toEqual({ name: "High spenders", segment: spent(100) });

    // edited to $500 and renamed; the list reloads (the data key moved)
    const y = saved("s1", "Big spenders", spent(500));
    const { segments, gone } = resolveArms(arms, [y]);
    expect(segments).toEqual([ALL, { name: "Big spenders", segment: spent(500) }]);
    expect(gone).toEqual([]);
  });

  it("a ticked saved segment deleted meanwhile is reported, not queried", () => {
    const x = saved("s1", "High spenders", spent(100));
    const { segments, gone } = resolveArms([ALL, savedArm(x)], []);
    expect(segments).toEqual([ALL]);
    expect(gone.map((g) => g.name)).toEqual(["High spenders"]);
  });

  it("an opened report's segment follows the saved one only while it is the same", () => {
    const x = saved("s1", "High spenders", spent(100));
    const copy = { name: "High spenders", segment: spent(100) };
    expect(armsFromReport([ALL, copy], [x])).toEqual([ALL, savedArm(x)]);
    const older = { name: "High spenders", segment: spent(50) };
    expect(armsFromReport([ALL, older], [x])).toEqual([ALL, older]);
  });

  it("checkboxes tell a saved segment from the report's copy of the same name", () => {
    const x = saved("s1", "High spenders", spent(100));
    const older = { name: "High spenders", segment: spent(50) };
    const keys = armChoices([x], null, [ALL, older]).map(armKey);
    expect(keys).toEqual(["inline:All users", "saved:s1", "inline:High spenders"]);
  });
});

describe("compare panel titles", () => {
  it("come from the query that produced the result, not the metrics being edited", () => {
    const shown: CompareQuery = {
      kind: "compare",
      segments: [ALL, { name: "B", segment: { all: [] } }],
      metrics: [{ type: "rate", event: { event: "purchase" } }],
      range: { last: 30, unit: "day" },
    };
    const m: CompareMetricResult = { type: "rate", label: "purchase", values: [], tests: [] };
    expect(panelLabel(shown, m, 0)).toBe("Share of users who did purchase");
    expect(panelLabel(shown, m, 1)).toBe("purchase");
  });
});
