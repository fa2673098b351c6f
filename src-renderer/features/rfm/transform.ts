import type { RfmGroupResult, RfmResult } from "../../../src-preload/contract/results.ts";
import { RFM_GROUPS, type RfmGroupName, type RfmQuery } from "../../../src-preload/contract/rfm.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import type { ChartOption } from "../../charts/echarts.ts";
import { escapeHtml, fmtInt, fmtMoney, fmtPct } from "../../charts/format.ts";
import { textOn } from "../../charts/palette.ts";

// Pure transforms for the RFM view: the group tile map, the recency x frequency grid, segments.

export const GROUP_LABELS: Record<RfmGroupName, string> = {
  champions: "Champions",
  loyal: "Loyal",
  potentialLoyalists: "Potential loyalists",
  new: "New customers",
  promising: "Promising",
  needAttention: "Need attention",
  aboutToSleep: "About to sleep",
  atRisk: "At risk",
  cantLose: "Can't lose them",
  hibernating: "Hibernating",
};

// Tableau 10, assigned so that the good groups are green/teal/blue and the slipping ones warm.
export const GROUP_COLORS: Record<RfmGroupName, string> = {
  champions: "#59A14F",
  loyal: "#76B7B2",
  potentialLoyalists: "#4E79A7",
  new: "#B07AA1",
  promising: "#9C755F",
  needAttention: "#EDC948",
  aboutToSleep: "#F28E2B",
  atRisk: "#E15759",
  cantLose: "#FF9DA7",
  hibernating: "#BAB0AC",
};

/** The group of a (recency score, frequency score) cell; the same map as the engine's. */
export function groupOfCell(r: number, f: number): RfmGroupName {
  if (r <= 2) return f <= 2 ? "hibernating" : f <= 4 ? "atRisk" : "cantLose";
  if (r === 3) return f <= 2 ? "aboutToSleep" : f === 3 ? "needAttention" : "loyal";
  if (r === 4) return f === 1 ? "promising" : f <= 3 ? "potentialLoyalists" : "loyal";
  return f === 1 ? "new" : f <= 3 ? "potentialLoyalists" : "champions";
}

/**
 * What frequency counts for a query: matching events, or with `frequencyDistinct` the distinct values
 * of that property (an order id: orders), so "events" would misname the edges, table and tooltips.
 */
export function frequencyUnit(q: Pick<RfmQuery, "frequencyDistinct">): { plural: string; perUser: string } {
  const prop = q.frequencyDistinct;
  return prop
    ? { plural: `distinct ${prop} values`, perUser: `Distinct ${prop} values per user` }
    : { plural: "events", perUser: "Events per user" };
}

/** The quintile edges behind the scores, so a score can be explained in days and frequency units. */
export function edgesText(e: { recencyDays: number[]; frequency: number[] }, unit: string): string {
  const list = (xs: number[]) => xs.map((x) => (Number.isInteger(x) ? String(x) : x.toFixed(1))).join(" · ");
  const parts = [];
  if (e.recencyDays.length) parts.push(`Recency edges (days since last): ${list(e.recencyDays)}`);
  if (e.frequency.length) parts.push(`frequency edges (${unit}): ${list(e.frequency)}`);
  return parts.join("; ");
}

export function perUser(g: RfmGroupResult): number {
  return g.users ? g.monetary / g.users : 0;
}

/**
 * The group of a hovered tile, read from the tile's own data item. Not from its dataIndex: a treemap
 * counts its hidden root as item 0, so an index into the groups points one tile on.
 */
function hoveredGroup(p: unknown): RfmGroupName | undefined {
  if (typeof p !== "object" || p === null || !("data" in p)) return undefined;
  const d = p.data;
  if (typeof d !== "object" || d === null || !("group" in d)) return undefined;
  return RFM_GROUPS.find((g) => g === d.group);
}

/** The tile map's option, its tooltip typed as the callable it is (a test can hover a tile). */
export type TileMapOption = Omit<ChartOption, "tooltip"> & { tooltip: { formatter: (p: unknown) => string } };

/**
 * Groups as tiles sized by users and colored by group, labeled with users, share and value;
 * `frequency` is what frequency counts (frequencyUnit's plural).
 */
export function tileMapOption(result: RfmResult, hasMonetary: boolean, frequency = "events"): TileMapOption {
  const groups = result.groups.filter((g) => g.users > 0);
  return {
    animationDuration: 250,
    tooltip: {
      formatter: (p: unknown) => {
        const hovered = hoveredGroup(p);
        const g = groups.find((x) => x.group === hovered);
        if (!g) return "";
        return [
          `<b>${escapeHtml(GROUP_LABELS[g.group])}</b>`,
          `${fmtInt(g.users)} users · ${fmtPct(g.share)}`,
          ...(hasMonetary ? [`Value: ${fmtMoney(g.monetary)} total · ${fmtMoney(perUser(g))} per user`] : []),
          `Last event ${g.avgRecencyDays.toFixed(0)} days ago on average · ${g.avgFrequency.toFixed(1)} ${escapeHtml(frequency)} per user`,
          `<span style="opacity:.7">Click to select, then create a segment</span>`,
        ].join("<br/>");
      },
    },
    series: [
      {
        type: "treemap",
        name: "RFM groups",
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        width: "100%",
        height: "100%",
        top: 0,
        left: 0,
        itemStyle: { borderColor: "transparent", borderWidth: 2, gapWidth: 2 },
        label: {
          show: true,
          position: "insideTopLeft",
          overflow: "truncate",
          lineHeight: 16,
        },
        upperLabel: { show: false },
        data: groups.map((g) => {
          const color = GROUP_COLORS[g.group];
          const lines = [
            `{name|${GROUP_LABELS[g.group]}}`,
            `${fmtInt(g.users)} users · ${fmtPct(g.share)}`,
            ...(hasMonetary ? [`${fmtMoney(perUser(g))} per user`] : []),
          ];
          return {
            name: GROUP_LABELS[g.group],
            value: g.users,
            group: g.group,
            itemStyle: { color },
            label: {
              color: textOn(color),
              formatter: lines.join("\n"),
              rich: { name: { fontWeight: 700, fontSize: 13, color: textOn(color) } },
            },
          };
        }),
      },
    ],
  };
}

/** The 5 x 5 recency x frequency grid: cells in their group's color, the user count printed. */
export function gridOption(result: RfmResult): ChartOption {
  const max = Math.max(1, ...result.grid.flat());
  const data: {
    value: [number, number, number];
    itemStyle: { color: string; opacity: number };
    label: { color: string };
  }[] = [];
  for (let ri = 0; ri < 5; ri++) {
    for (let fi = 0; fi < 5; fi++) {
      const users = result.grid[ri]?.[fi] ?? 0;
      const color = GROUP_COLORS[groupOfCell(ri + 1, fi + 1)];
      // Faint cells still show their group; fuller ones are more opaque.
      const opacity = 0.35 + 0.65 * Math.sqrt(users / max);
      data.push({
        value: [fi, ri, users],
        itemStyle: { color, opacity },
        label: { color: opacity > 0.6 ? textOn(color) : "#1f2328" },
      });
    }
  }
  return {
    animationDuration: 250,
    grid: { left: 24, right: 8, top: 8, bottom: 36, containLabel: true },
    tooltip: {
      formatter: (p: unknown) => {
        const [f, rr, users] = (p as { value: [number, number, number] }).value;
        return `Recency ${rr + 1} · Frequency ${f + 1}<br/>${GROUP_LABELS[groupOfCell(rr + 1, f + 1)]}<br/>${fmtInt(users)} users (${fmtPct(result.users ? users / result.users : 0)})`;
      },
    },
    xAxis: {
      type: "category",
      name: "Frequency score (5 = most often)",
      nameLocation: "middle",
      nameGap: 24,
      data: ["1", "2", "3", "4", "5"],
    },
    yAxis: {
      type: "category",
      name: "Recency score (5 = most recent)",
      nameLocation: "middle",
      nameGap: 24,
      data: ["1", "2", "3", "4", "5"],
    },
    series: [
      {
        type: "heatmap",
        name: "Users",
        data,
        label: {
          show: true,
          fontSize: 11,
          formatter: (p: { value: unknown }) => fmtInt((p.value as number[])[2] ?? 0),
        },
        itemStyle: { borderWidth: 2, borderColor: "rgba(255,255,255,0.6)" },
      },
    ],
  };
}

export function rfmSegment(q: RfmQuery, groups: RfmGroupName[]): { name: string; definition: Segment } {
  return {
    name: `RFM: ${groups.map((g) => GROUP_LABELS[g]).join(", ")}`,
    definition: { rfm: groups, query: q },
  };
}
