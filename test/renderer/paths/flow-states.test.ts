import { describe, expect, it } from "vitest";
import type { FlowState } from "../../../src-preload/contract/paths.ts";
import { SegmentFlowQuery } from "../../../src-preload/contract/segment.ts";
import { labelProblem, unusedLabel } from "../../../src-renderer/features/segment-flow/labels.ts";
import {
  createSegmentEditor,
  useSegmentEditor,
} from "../../../src-renderer/features/segments/editor-store.ts";
import { toSegment } from "../../../src-renderer/features/segments/tree.ts";

// A flow state built inline: its own editor (the Segments view's draft is untouched), and a label
// checked as the contract checks it, so Apply never makes a query the engine would refuse.

const states: FlowState[] = [
  { label: "New", segment: { firstSeen: { last: 30, unit: "day" } } },
  { label: "Engaged", segment: { performed: { event: "read" } } },
];
const flowWith = (label: string) => ({
  kind: "segmentFlow",
  states: [...states, { label, segment: { all: [] } }],
  at: ["2024-06-01", "2024-06-08"],
});

describe("inline flow states", () => {
  it("are edited on an editor of their own", () => {
    useSegmentEditor.getState().load("The builder's draft", { all: [{ performed: { event: "buy" } }] });
    const mine = createSegmentEditor();
    mine.getState().load("State", { all: [] });
    mine.getState().apply((root) => ({ ...root, op: "any" }));
    expect(toSegment(mine.getState().history.present)).toEqual({ any: [] });
    expect(useSegmentEditor.getState().name).toBe("The builder's draft");
    expect(toSegment(useSegmentEditor.getState().history.present)).toEqual({
      all: [{ performed: { event: "buy" } }],
    });
  });

  it("a label is refused exactly when the query would be", () => {
    for (const label of ["", "  ", "New", "$none", "$notYet", "x".repeat(201), "Champion", " Champion "]) {
      const refused = labelProblem(label, states) !== null;
      expect(refused, JSON.stringify(label)).toBe(
        !SegmentFlowQuery.safeParse(flowWith(label.trim())).success,
      );
    }
  });

  it("new labels never collide", () => {
    expect(unusedLabel("State", states)).toBe("State");
    const more = [...states, { label: "New 2", segment: { all: [] } }];
    expect(unusedLabel("New", more)).toBe("New 3");
  });
});
