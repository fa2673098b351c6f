import { describe, expect, it } from "vitest";
import type { RfmResult } from "../../../src-preload/contract/results.ts";
import type { RfmQuery } from "../../../src-preload/contract/rfm.ts";
import { RFM_GROUPS } from "../../../src-preload/contract/rfm-groups.ts";
import { Segment } from "../../../src-preload/contract/segment.ts";
import {
  GROUP_COLORS,
  gridOption,
  groupOfCell,
  rfmSegment,
  tileMapOption,
} from "../../../src-renderer/features/rfm/transform.ts";

// The recency (rows, 1..5) x frequency (columns, 1..5) map of resources/docs/metrics.md.
const MAP = [
  ["hibernating", "hibernating", "atRisk", "atRisk", "cantLose"],
  ["hibernating", "hibernating", "atRisk", "atRisk", "cantLose"],
  ["aboutToSleep", "aboutToSleep", "needAttention", "loyal", "loyal"],
  ["promising", "potentialLoyalists", "potentialLoyalists", "loyal", "loyal"],
  ["new", "potentialLoyalists", "potentialLoyalists", "champions", "champions"],
];

const result = (): RfmResult => ({
  users: 100,
  groups: RFM_GROUPS.map((group, i) => ({
    group,
    users: i === 9 ? 0 : 10 + (i === 0 ? 1 : 0) - (i === 1 ? 1 : 0),
    share: 0.1,
    monetary: 1000,
    avgRecencyDays: 5,
    avgFrequency: 2,
  })),
  grid: Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, f) => r * 5 + f)),
  edges: { recencyDays: [], frequency: [], monetary: [] },
});

describe("RFM transforms", () => {
  it("maps every score cell to the documented group", () => {
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++) expect(groupOfCell(r, f)).toBe(MAP[r - 1]?.[f - 1]);
  });

  it("gives every group a distinct color", () => {
    expect(new Set(Object.values(GROUP_COLORS)).size).toBe(RFM_GROUPS.length);
  });

  it("sizes tiles by users, colors them by group and leaves empty groups out", () => {
    const s = (
      tileMapOption(result(), true).series as {
        data: { value: number; group: string; itemStyle: { color: string }; label: { formatter: string } }[];
      }[]
    )[0];
    expect(s?.data).toHaveLength(9);
    const champ = s?.data.find((d) => d.group === "champions");
    expect(champ?.value).toBe(11);
    expect(champ?.itemStyle.color).toBe(GROUP_COLORS.champions);
    expect(champ?.label.formatter).toContain("90.91 per user");
    const noMoney = (
      tileMapOption(result(), false).series as { data: { label: { formatter: string } }[] }[]
    )[0];
    expect(noMoney?.data[0]?.label.formatter).not.toContain("per user");
  });

  it("shows the hovered tile's own group in the tooltip, not the next one's", () => {
    // The treemap's hidden root is item 0, so Champions, the first tile, comes with dataIndex 1.
    const html = tileMapOption(result(), true).tooltip.formatter({
      dataIndex: 1,
      name: "Champions",
      data: { group: "champions" },
    });
    expect(html).toContain("<b>Champions</b>");
    expect(html).toContain("11 users");
    expect(html).not.toContain("Loyal");
    expect(tileMapOption(result(), true).tooltip.formatter({ dataIndex: 0, name: "", data: {} })).toBe("");
  });

  it("puts grid users at (frequency, recency) with their group color", () => {
    const s = (
      gridOption(result()).series as { data: { value: number[]; itemStyle: { color: string } }[] }[]
    )[0];
    const cell = s?.data.find((d) => d.value[0] === 4 && d.value[1] === 4);
    expect(cell?.value[2]).toBe(24);
    expect(cell?.itemStyle.color).toBe(GROUP_COLORS.champions);
  });

  it("creates a segment condition the contract accepts", () => {
    const q: RfmQuery = { kind: "rfm", event: { event: "purchase" }, range: { last: 90, unit: "day" } };
    const s = rfmSegment(q, ["atRisk", "cantLose"]);
    expect(s.name).toBe("RFM: At risk, Can't lose them");
    expect(Segment.safeParse(s.definition).success).toBe(true);
  });
});
