import type { SegmentFlowQuery, SegmentFlowResult } from "../../../src-preload/contract/paths.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import type { ChartOption } from "../../charts/echarts.ts";
import { escapeHtml, fmtDate, fmtInt, fmtPct } from "../../charts/format.ts";
import { BREAKDOWN_COLORS, breakdownColor } from "../../charts/palette.ts";

// A segment flow as a Sankey: one column per date, one node per state with users, one band per
// non-empty matrix cell. "$none" and "$notYet" read as "none" and "not yet" and are drawn in grays.

export function stateLabel(s: string): string {
  if (s === "$none") return "none";
  if (s === "$notYet") return "not yet";
  return s;
}

export type FlowPick = { at: string; state: string; next?: string; users: number };

export function stateColor(
  states: readonly string[],
  s: string,
  c: { muted: string; faint: string },
): string {
  if (s === "$none") return c.muted;
  if (s === "$notYet") return c.faint;
  // by the state's place in the query (the analyst's order), never by counts; breakdown hues have
  // no gray, which is kept for none and not yet
  return breakdownColor(states.indexOf(s) % BREAKDOWN_COLORS.length);
}

/**
 * A pick as the current answer has it: the same state or band with the users it counts now, or null
 * when the answer no longer draws it (another date, no users left).
 */
export function currentFlowPick(r: SegmentFlowResult, p: FlowPick): FlowPick | null {
  const i = r.at.indexOf(p.at);
  const x = r.states.indexOf(p.state);
  if (i < 0 || x < 0) return null;
  if (p.next === undefined) {
    const users = r.counts[i]?.[x] ?? 0;
    return users > 0 ? { ...p, users } : null;
  }
  const y = r.states.indexOf(p.next);
  const t = r.transitions.find((u) => u.from === p.at);
  const users = y < 0 ? 0 : (t?.matrix[x]?.[y] ?? 0);
  return users > 0 ? { ...p, users } : null;
}

const id = (i: number, s: string) => `${i}\u2009${s}`;

export function flowOption(
  result: SegmentFlowResult,
  colors: { muted: string; faint: string; text: string },
): ChartOption {
  const data: object[] = [];
  result.at.forEach((d, i) => {
    const total = (result.counts[i] ?? []).reduce((a, b) => a + b, 0);
    result.states.forEach((s, k) => {
      const users = result.counts[i]?.[k] ?? 0;
      if (users === 0) return;
      data.push({
        name: id(i, s),
        depth: i,
        value: users,
        itemStyle: { color: stateColor(result.states, s, colors) },
        pick: { at: d, state: s, users } satisfies FlowPick,
        tip: `<b>${escapeHtml(stateLabel(s))}</b> on ${fmtDate(d)}<br/>${fmtInt(users)} users · ${fmtPct(users / (total || 1))}`,
      });
    });
  });
  const links: object[] = [];
  result.transitions.forEach((t, i) => {
    t.matrix.forEach((row, x) => {
      row.forEach((users, y) => {
        if (users === 0) return;
        const from = result.states[x] ?? "";
        const to = result.states[y] ?? "";
        const base = result.counts[i]?.[x] ?? 0;
        links.push({
          source: id(i, from),
          target: id(i + 1, to),
          value: users,
          pick: { at: t.from, state: from, next: to, users } satisfies FlowPick,
          tip: `${escapeHtml(stateLabel(from))} → ${escapeHtml(stateLabel(to))}<br/>${fmtDate(t.from)} → ${fmtDate(t.to)}<br/>${fmtInt(users)} users · ${fmtPct(users / (base || 1))} of ${escapeHtml(stateLabel(from))}`,
        });
      });
    });
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
        right: 150,
        top: 8,
        bottom: 8,
        nodeAlign: "left",
        // at least a label's height between two nodes: small states stacked at the top printed
        // their labels over each other with 8
        nodeGap: 13,
        draggable: false,
        layoutIterations: 0,
        emphasis: { focus: "adjacency" },
        label: {
          color: colors.text,
          formatter: (p: { name: string; value: unknown }) =>
            `${stateLabel(p.name.split("\u2009").slice(1).join("\u2009"))}  ${fmtInt(Number(p.value))}`,
        },
        lineStyle: { color: "source", curveness: 0.5, opacity: 0.3 },
        data,
        links,
      },
    ],
  } as ChartOption;
}

export function isFlowPick(x: unknown): x is FlowPick {
  return typeof x === "object" && x !== null && typeof (x as { at?: unknown }).at === "string";
}

export function flowSegment(q: SegmentFlowQuery, p: FlowPick): { name: string; definition: Segment } {
  const name =
    p.next === undefined
      ? `${stateLabel(p.state)} on ${p.at}`
      : `${stateLabel(p.state)} → ${stateLabel(p.next)} after ${p.at}`;
  return {
    name,
    definition: {
      segmentFlow: q,
      at: p.at,
      state: p.state,
      ...(p.next === undefined ? {} : { next: p.next }),
    },
  };
}
