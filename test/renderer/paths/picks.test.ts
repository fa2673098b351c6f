import { describe, expect, it } from "vitest";
import type { PathsResult, SegmentFlowResult } from "../../../src-preload/contract/paths.ts";
import { currentPick, isPick, pathsOption } from "../../../src-renderer/features/paths/transform.ts";
import {
  currentFlowPick,
  flowOption,
  isFlowPick,
} from "../../../src-renderer/features/segment-flow/transform.ts";

// The selection strip under the Paths and Segment flow charts says how many users a click picked.
// The count is read from the answer on screen: after a new answer (an import, a rerun) the strip
// shows the new count, or nothing when the node or band is gone.

const paths = (buy: number): PathsResult => ({
  direction: "forward",
  nodes: [
    { step: 0, event: "cart", users: buy + 400 },
    { step: 1, event: "buy", users: buy },
  ],
  links: [{ step: 0, from: "cart", to: "buy", users: buy }],
  dropOff: [],
});

/** What a click on a chart element hands over (the element's `pick`). */
function clicked(option: object, at: (d: { pick?: unknown }) => boolean): unknown {
  const s = (option as { series: { data: { pick?: unknown }[]; links: { pick?: unknown }[] }[] }).series[0];
  return [...(s?.data ?? []), ...(s?.links ?? [])].find(at)?.pick;
}

describe("paths selection", () => {
  const colors = { muted: "#999999", text: "#000000" };

  it("a clicked node shows the count of the answer on screen", () => {
    const pick = clicked(pathsOption(paths(1240), colors), (d) => JSON.stringify(d.pick).includes('"buy"'));
    if (!isPick(pick)) throw new Error("no node pick");
    expect(pick.users).toBe(1240);
    expect(currentPick(paths(3100), pick)?.users).toBe(3100);
  });

  it("a clicked band shows the new count, and a pick the answer no longer has is cleared", () => {
    const link = { kind: "link", step: 0, from: "cart", to: "buy", users: 1240 } as const;
    expect(currentPick(paths(3100), link)?.users).toBe(3100);
    const gone = { kind: "node", step: 2, event: "buy", users: 1240 } as const;
    expect(currentPick(paths(3100), gone)).toBeNull();
  });
});

describe("segment flow selection", () => {
  const flow = (stayed: number): SegmentFlowResult => ({
    states: ["Active", "$none", "$notYet"],
    at: ["2024-06-02", "2024-06-09"],
    counts: [
      [stayed + 10, 5, 0],
      [stayed, 15, 0],
    ],
    transitions: [
      {
        from: "2024-06-02",
        to: "2024-06-09",
        matrix: [
          [stayed, 10, 0],
          [0, 5, 0],
          [0, 0, 0],
        ],
      },
    ],
  });
  const colors = { muted: "#999999", faint: "#cccccc", text: "#000000" };

  it("a clicked state or band shows the count of the answer on screen", () => {
    const state = clicked(flowOption(flow(1240), colors), (d) => {
      const p = d.pick;
      return isFlowPick(p) && p.state === "Active" && p.at === "2024-06-09" && p.next === undefined;
    });
    if (!isFlowPick(state)) throw new Error("no state pick");
    expect(state.users).toBe(1240);
    expect(currentFlowPick(flow(3100), state)?.users).toBe(3100);
    const band = { at: "2024-06-02", state: "Active", next: "Active", users: 1240 };
    expect(currentFlowPick(flow(3100), band)?.users).toBe(3100);
  });

  it("a pick on a date or band the answer no longer has is cleared", () => {
    expect(currentFlowPick(flow(3100), { at: "2024-05-26", state: "Active", users: 9 })).toBeNull();
    expect(
      currentFlowPick(flow(0), { at: "2024-06-02", state: "Active", next: "Active", users: 9 }),
    ).toBeNull();
  });
});
