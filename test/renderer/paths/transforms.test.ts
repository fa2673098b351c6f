import { describe, expect, it } from "vitest";
import type { PathsResult, SegmentFlowResult } from "../../../src-preload/contract/paths.ts";
import { pathsOption, pickSegment, stepRows } from "../../../src-renderer/features/paths/transform.ts";
import { milestoneEvents, milestonePresets } from "../../../src-renderer/features/segment-flow/presets.ts";
import { flowOption, flowSegment } from "../../../src-renderer/features/segment-flow/transform.ts";

const paths: PathsResult = {
  direction: "forward",
  nodes: [
    { step: 0, event: "cart", users: 10 },
    { step: 1, event: "buy", users: 6 },
    { step: 1, event: "$other", users: 2 },
  ],
  links: [
    { step: 0, from: "cart", to: "buy", users: 6 },
    { step: 0, from: "cart", to: "$other", users: 2 },
  ],
  dropOff: [
    { step: 0, event: "cart", users: 2 },
    { step: 1, event: "buy", users: 6 },
    { step: 1, event: "$other", users: 2 },
  ],
};

type Sankey = {
  data: { name: string; value: number }[];
  links: { source: string; target: string; value: number }[];
};
const sankeyOf = (o: object) => (o as { series: Sankey[] }).series[0] as Sankey;

describe("paths chart", () => {
  it("rows carry share of step and drop-off", () => {
    expect(stepRows(paths)).toEqual([
      { step: 0, event: "cart", users: 10, share: 1, dropped: 2 },
      { step: 1, event: "buy", users: 6, share: 0.75, dropped: 6 },
      { step: 1, event: "$other", users: 2, share: 0.25, dropped: 2 },
    ]);
  });
  it("the sankey balances: what leaves a node is its links plus its drop-off", () => {
    const s = sankeyOf(pathsOption(paths, { muted: "#999999", text: "#000000" }));
    for (const n of paths.nodes.filter((x) => x.step === 0)) {
      const out = s.links
        .filter((l) => l.source === `e${n.step}\u2009${n.event}`)
        .reduce((a, l) => a + l.value, 0);
      expect(out).toBe(n.users);
    }
    expect(s.data.find((d) => d.name === "d1\u2009Drop-off")?.value).toBe(2);
  });
  it("a node and a link become conditions", () => {
    const q = { kind: "paths" as const, range: { last: 7, unit: "day" as const } };
    expect(pickSegment(q, { kind: "node", step: 1, event: "buy", users: 6 }).definition).toEqual({
      paths: q,
      step: 1,
      event: "buy",
    });
    expect(pickSegment(q, { kind: "link", step: 0, from: "cart", to: "buy", users: 6 }).definition).toEqual({
      paths: q,
      step: 0,
      event: "cart",
      to: "buy",
    });
  });
});

describe("segment flow chart and presets", () => {
  const r: SegmentFlowResult = {
    states: ["A", "$none", "$notYet"],
    at: ["2024-06-01", "2024-06-08"],
    counts: [
      [1, 2, 3],
      [4, 2, 0],
    ],
    transitions: [
      {
        from: "2024-06-01",
        to: "2024-06-08",
        matrix: [
          [1, 0, 0],
          [1, 1, 0],
          [2, 1, 0],
        ],
      },
    ],
  };
  it("one node per non-empty state and date, one band per non-empty cell", () => {
    const s = sankeyOf(flowOption(r, { muted: "#999999", faint: "#eeeeee", text: "#000000" }));
    expect(s.data.length).toBe(5);
    expect(s.links.map((l) => l.value).sort()).toEqual([1, 1, 1, 1, 2]);
  });
  it("a band becomes a condition", () => {
    const q = { kind: "segmentFlow" as const, states: [{ label: "A", segment: { all: [] } }], at: r.at };
    expect(flowSegment(q, { at: "2024-06-01", state: "$notYet", next: "A", users: 2 }).definition).toEqual({
      segmentFlow: q,
      at: "2024-06-01",
      state: "$notYet",
      next: "A",
    });
  });
  it("milestones come from the workspace's events", () => {
    const events = [
      { name: "session_start", count: 900 },
      { name: "read_article", count: 700 },
      { name: "share", count: 50 },
      { name: "purchase", count: 20 },
    ];
    expect(milestoneEvents(events)).toEqual({ core: "read_article", value: "purchase" });
    expect(milestonePresets(events).map((s) => s.label)).toEqual([
      "Dormant",
      "Champion",
      "Engaged",
      "Activated",
      "New",
    ]);
    expect(milestonePresets([])).toEqual([]);
  });
});
