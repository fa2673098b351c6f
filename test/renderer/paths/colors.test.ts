import { describe, expect, it } from "vitest";
import type { PathsResult, SegmentFlowResult } from "../../../src-preload/contract/paths.ts";
import { VIEWS } from "../../../src-renderer/app/views.ts";
import { OTHER_COLOR } from "../../../src-renderer/charts/palette.ts";
import { pathsOption } from "../../../src-renderer/features/paths/transform.ts";
import { flowOption } from "../../../src-renderer/features/segment-flow/transform.ts";

// Sankey colors belong to what a node is (an event name, a state), not to where the answer lists
// it: the same event keeps its color when another run ranks it elsewhere.

type Node = { name: string; itemStyle?: { color?: string } };
const nodesOf = (o: object) => (o as { series: { data: Node[] }[] }).series[0]?.data ?? [];
const colorsBy = (o: object, key: (name: string) => string) =>
  new Map(nodesOf(o).map((n) => [key(n.name), n.itemStyle?.color]));
const event = (id: string) => id.split("\u2009").slice(1).join("\u2009");
const theme = { muted: "#777777", faint: "#dddddd", text: "#000000" };

const names = ["view_item", "add_to_cart", "purchase", "search", "login", "share", "checkout"];
function pathsWith(order: readonly string[]): PathsResult {
  return {
    direction: "forward",
    nodes: [
      { step: 0, event: "view_item", users: 50 },
      ...order.map((event, i) => ({ step: 1, event, users: 40 - i })),
      { step: 1, event: "$other", users: 1 },
    ],
    links: order.map((to, i) => ({ step: 0, from: "view_item", to, users: 40 - i })),
    dropOff: [],
  };
}

describe("sankey colors", () => {
  it("a paths node's color follows its event name whatever the answer's order", () => {
    const a = colorsBy(pathsOption(pathsWith(names), theme), event);
    const b = colorsBy(pathsOption(pathsWith([...names].reverse().slice(0, 4)), theme), event);
    for (const [name, color] of b) expect(color).toBe(a.get(name));
    expect(a.get("$other")).toBe(theme.muted);
    // names do not all collapse onto one hue, and none takes the gray kept for "$other"
    const hues = new Set(names.map((n) => a.get(n)));
    expect(hues.size).toBeGreaterThan(3);
    expect(hues.has(OTHER_COLOR)).toBe(false);
  });

  it("a flow state's color is its place in the query, the same when counts move", () => {
    const states = ["New", "Engaged", "Champion", "$none", "$notYet"];
    const r = (counts: number[][]): SegmentFlowResult => ({
      states,
      at: ["2024-06-01", "2024-06-08"],
      counts,
      transitions: [{ from: "2024-06-01", to: "2024-06-08", matrix: states.map(() => states.map(() => 1)) }],
    });
    const a = colorsBy(
      flowOption(
        r([
          [5, 1, 9, 2, 2],
          [1, 8, 3, 2, 0],
        ]),
        theme,
      ),
      event,
    );
    const b = colorsBy(
      flowOption(
        r([
          [0, 9, 1, 1, 1],
          [9, 0, 2, 1, 1],
        ]),
        theme,
      ),
      event,
    );
    for (const [name, color] of b) expect(color).toBe(a.get(name));
    expect(new Set(["New", "Engaged", "Champion"].map((s) => a.get(s))).size).toBe(3);
    expect(a.get("$none")).toBe(theme.muted);
    expect(a.get("$notYet")).toBe(theme.faint);
  });

  it("every view in the sidebar has an icon of its own", () => {
    const icons = VIEWS.map((v) => v.icon);
    expect(new Set(icons).size).toBe(icons.length);
  });
});

describe("a paths sankey with an event named like the drop-off node", () => {
  it("keeps every node's name unique, so the event and the drop-off are two nodes", () => {
    const r: PathsResult = {
      direction: "forward",
      nodes: [
        { step: 0, event: "view_item", users: 10 },
        { step: 1, event: "Drop-off", users: 6 },
      ],
      links: [{ step: 0, from: "view_item", to: "Drop-off", users: 6 }],
      dropOff: [{ step: 0, event: "view_item", users: 4 }],
    };
    const names = nodesOf(pathsOption(r, theme)).map((n) => n.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.map(event).filter((n) => n === "Drop-off")).toHaveLength(2);
  });
});
