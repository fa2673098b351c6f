import type { PathsQuery, PathsResult } from "../../../src-preload/contract/paths.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import type { ChartOption } from "../../charts/echarts.ts";
import { escapeHtml, fmtInt, fmtPct } from "../../charts/format.ts";
import { nameColor } from "../../charts/palette.ts";

// A paths answer as a Sankey (one column per step, a gray "Drop-off" node in the next column for the
// users whose path ended) and as rows of a table. Node ids carry the step: names repeat across steps.

export const DROP = "Drop-off";

export type PathsPick =
  | { kind: "node"; step: number; event: string; users: number }
  | { kind: "link"; step: number; from: string; to: string; users: number };

export interface StepRow {
  step: number;
  event: string;
  users: number;
  /** share of the users at this step */
  share: number;
  dropped: number;
}

export function stepTotals(r: PathsResult): number[] {
  const out: number[] = [];
  for (const n of r.nodes) out[n.step] = (out[n.step] ?? 0) + n.users;
  return out.map((x) => x ?? 0);
}

export function stepRows(r: PathsResult): StepRow[] {
  const totals = stepTotals(r);
  const drop = new Map(r.dropOff.map((d) => [`${d.step}\u0000${d.event}`, d.users]));
  return r.nodes.map((n) => {
    const total = totals[n.step] ?? 0;
    return {
      step: n.step,
      event: n.event,
      users: n.users,
      share: total > 0 ? n.users / total : 0,
      dropped: drop.get(`${n.step}\u0000${n.event}`) ?? 0,
    };
  });
}

// an event may be named "Drop-off" too: the kind letter keeps its node apart from the drop-off node
const id = (step: number, event: string) => `e${step}\u2009${event}`;
const dropId = (step: number) => `d${step}\u2009${DROP}`;

export function stepLabel(step: number, direction: PathsResult["direction"]): string {
  if (step === 0) return direction === "forward" ? "Start" : "End";
  return direction === "forward" ? `Step ${step + 1}` : `${step} before`;
}

export function pathsOption(result: PathsResult, colors: { muted: string; text: string }): ChartOption {
  const totals = stepTotals(result);
  // by name, not by place in the answer: an event keeps its color when the counts reorder
  const color = (e: string) => (e === "$other" ? colors.muted : nameColor(e));
  const data: object[] = result.nodes.map((n) => ({
    name: id(n.step, n.event),
    depth: n.step,
    value: n.users,
    itemStyle: { color: color(n.event) },
    pick: { kind: "node", step: n.step, event: n.event, users: n.users } satisfies PathsPick,
    tip: `<b>${escapeHtml(n.event)}</b> · ${stepLabel(n.step, result.direction)}<br/>${fmtInt(n.users)} users · ${fmtPct(n.users / (totals[n.step] || 1))} of the step`,
  }));
  const drops = new Map<number, number>();
  for (const dropOff of result.dropOff)
    drops.set(dropOff.step + 1, (drops.get(dropOff.step + 1) ?? 0) + dropOff.users);
  for (const [step, users] of drops)
    data.push({
      name: dropId(step),
      depth: step,
      value: users,
      itemStyle: { color: colors.muted, opacity: 0.45 },
      label: { color: colors.muted },
      tip: `<b>Drop-off</b> before ${stepLabel(step, result.direction)}<br/>${fmtInt(users)} users`,
    });
  const links: object[] = result.links.map((l) => ({
    source: id(l.step, l.from),
    target: id(l.step + 1, l.to),
    value: l.users,
    pick: { kind: "link", step: l.step, from: l.from, to: l.to, users: l.users } satisfies PathsPick,
    tip: `${escapeHtml(l.from)} → ${escapeHtml(l.to)}<br/>${fmtInt(l.users)} users · ${fmtPct(l.users / (totals[l.step + 1] || 1))} of ${stepLabel(l.step + 1, result.direction)}`,
  }));
  for (const dropOff of result.dropOff)
    links.push({
      source: id(dropOff.step, dropOff.event),
      target: dropId(dropOff.step + 1),
      value: dropOff.users,
      lineStyle: { color: colors.muted, opacity: 0.18 },
      tip: `${escapeHtml(dropOff.event)} → drop-off<br/>${fmtInt(dropOff.users)} users ended here`,
    });
  return {
    tooltip: {
      trigger: "item",
      formatter: (p: unknown) => (p as { data?: { tip?: string } }).data?.tip ?? "",
    },
    series: [
      {
        type: "sankey",
        left: 8,
        right: 170,
        top: 8,
        bottom: 8,
        nodeAlign: "left",
        nodeGap: 10,
        draggable: false,
        emphasis: { focus: "adjacency" },
        label: {
          color: colors.text,
          formatter: (p: { name: string; value: unknown }) =>
            `${p.name.split("\u2009").slice(1).join("\u2009")}  ${fmtInt(Number(p.value))}`,
        },
        lineStyle: { color: "gradient", curveness: 0.5, opacity: 0.35 },
        data,
        links,
      },
    ],
  } as ChartOption;
}

/** The segment of the users in a node or a link, named as the analyst sees it. */
export function pickSegment(q: PathsQuery, p: PathsPick): { name: string; definition: Segment } {
  if (p.kind === "node")
    return {
      name: `Paths: ${p.event} at step ${p.step + 1}`,
      definition: { paths: q, step: p.step, event: p.event },
    };
  return {
    name: `Paths: ${p.from} → ${p.to} (steps ${p.step + 1}-${p.step + 2})`,
    definition: { paths: q, step: p.step, event: p.from, to: p.to },
  };
}

export function isPick(x: unknown): x is PathsPick {
  if (typeof x !== "object" || x === null) return false;
  const k = (x as { kind?: unknown }).kind;
  return k === "node" || k === "link";
}

/**
 * A pick as the current answer has it: the same node or band with the users it counts now, or null
 * when the answer no longer has it. A pick holds the count it was clicked with; after a new answer
 * (an import, another filter) the strip must not go on saying that one.
 */
export function currentPick(r: PathsResult, p: PathsPick): PathsPick | null {
  if (p.kind === "node") {
    const n = r.nodes.find((x) => x.step === p.step && x.event === p.event);
    return n ? { ...p, users: n.users } : null;
  }
  const l = r.links.find((x) => x.step === p.step && x.from === p.from && x.to === p.to);
  return l ? { ...p, users: l.users } : null;
}
