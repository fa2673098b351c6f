import type { EventMatcher } from "../../../src-preload/contract/common.ts";
import type {
  BestSendTimeResult,
  PropensityQuery,
  PropensityResult,
} from "../../../src-preload/contract/predict.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import type { ChartOption } from "../../charts/echarts.ts";
import { fmtInt, fmtPct } from "../../charts/format.ts";
import { sequential } from "../../charts/palette.ts";

// Pure transforms of the Predict view: the model's verdict in words, its charts, and the segments it
// hands to the builder.

export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

export function fmtAuc(x: number | null): string {
  return x === null ? "–" : x.toFixed(3);
}

export function targetName(t: EventMatcher): string {
  return t.event ?? "any event";
}

export function horizonDays(q: PropensityQuery): number {
  const h = q.horizon;
  const ms = { second: 1e3, minute: 6e4, hour: 36e5, day: 864e5, week: 6048e5 }[h.unit] * h.value;
  return ms / 864e5;
}

export interface Verdict {
  good: boolean;
  text: string;
}

/** What the model card says first: whether the model is worth using, in plain words. */
export function verdict(r: PropensityResult, q: PropensityQuery): Verdict {
  const m = r.model;
  const days = horizonDays(q);
  const base = `"did ${targetName(q.target)} in the ${days} days before"`;
  if (m.auc === null)
    return {
      good: false,
      text: `No model: the held-out users ${m.testedOn === 0 ? "are none" : "all did the same thing"}, so there is nothing to tell apart.`,
    };
  if (!m.beatsBaseline)
    return {
      good: false,
      text: `This model is no better than the simple rule ${base} on users it never saw (AUC ${fmtAuc(m.auc)} against ${fmtAuc(m.baselineAuc)}). Its scores are not offered as a segment.`,
    };
  return {
    good: true,
    text: `Ranks users better than the rule ${base}: AUC ${fmtAuc(m.auc)} against ${fmtAuc(m.baselineAuc)} on ${fmtInt(m.testedOn)} held-out users.`,
  };
}

export function topSegment(q: PropensityQuery, percent: number): { name: string; definition: Segment } {
  const { segment: _s, ...model } = q;
  const query: PropensityQuery = q.segment ? q : model;
  return {
    name: `Top ${percent}% likely to ${targetName(q.target)} in ${horizonDays(q)} days`,
    definition: { propensity: query, topPercent: percent },
  };
}

/** The rule the model is measured against, as a segment (offered when the model is not better). */
export function baselineSegment(q: PropensityQuery): { name: string; definition: Segment } {
  const days = Math.max(1, Math.round(horizonDays(q)));
  const rule: Segment = { performed: q.target, within: { last: days, unit: "day" } };
  // among the users the model was trained on, as the top-% segment is (its query keeps the segment)
  return {
    name: `Did ${targetName(q.target)} in the last ${days} days`,
    definition: q.segment ? { all: [q.segment, rule] } : rule,
  };
}

export function calibrationOption(result: PropensityResult): ChartOption {
  const bins = result.model.calibration.filter((b) => b.users > 0 && b.observed !== null);
  return {
    animationDuration: 250,
    grid: { left: 48, right: 16, top: 16, bottom: 40 },
    tooltip: { trigger: "item" },
    xAxis: { type: "value", min: 0, max: 1, name: "Predicted", nameLocation: "middle", nameGap: 26 },
    yAxis: { type: "value", min: 0, max: 1, name: "Observed", nameLocation: "middle", nameGap: 34 },
    series: [
      {
        type: "line",
        name: "Perfect calibration",
        data: [
          [0, 0],
          [1, 1],
        ],
        symbol: "none",
        lineStyle: { type: "dashed", width: 1 },
        tooltip: { show: false },
      },
      {
        type: "line",
        name: "Held-out users",
        data: bins.map((b) => ({
          value: [b.predicted, b.observed ?? 0],
          name: `${fmtInt(b.users)} users: predicted ${fmtPct(b.predicted)}, observed ${fmtPct(b.observed ?? 0)}`,
        })),
        symbolSize: 8,
      },
    ],
  };
}

export function gainsOption(result: PropensityResult): ChartOption {
  const gains = result.model.gains;
  return {
    animationDuration: 250,
    grid: { left: 48, right: 16, top: 16, bottom: 40 },
    tooltip: { trigger: "axis" },
    xAxis: {
      type: "category",
      name: "Score decile (1 = highest)",
      nameLocation: "middle",
      nameGap: 26,
      data: gains.map((d) => String(d.decile)),
    },
    yAxis: { type: "value", min: 0, max: 1, axisLabel: { formatter: (v: number) => fmtPct(v) } },
    series: [
      {
        type: "bar",
        name: "Held-out users who did it: share captured so far",
        data: gains.map((d) => d.cumulativeShare),
      },
      {
        type: "line",
        name: "Random order",
        data: gains.map((d) => d.decile / 10),
        symbol: "none",
        lineStyle: { type: "dashed", width: 1 },
      },
    ],
  };
}

export function sendHeatmapOption(result: BestSendTimeResult, dark: boolean): ChartOption {
  const max = Math.max(1, ...result.grid.flat());
  const data = result.grid.flatMap((row, wd) =>
    row.map((v, h) => ({
      value: [h, wd, v],
      itemStyle: { color: sequential(Math.sqrt(v / max), dark) },
    })),
  );
  return {
    animationDuration: 250,
    grid: { left: 8, right: 8, top: 8, bottom: 32, containLabel: true },
    tooltip: {
      formatter: (p: unknown) => {
        const [h, wd, v] = (p as { value: [number, number, number] }).value;
        return `${WEEKDAYS[wd]} ${String(h).padStart(2, "0")}:00<br/>${fmtInt(v)} users`;
      },
    },
    xAxis: {
      type: "category",
      name: "Best local hour",
      nameLocation: "middle",
      nameGap: 24,
      data: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0")),
    },
    yAxis: { type: "category", data: [...WEEKDAYS], inverse: true },
    series: [{ type: "heatmap", name: "users", data, label: { show: false } }],
  };
}

/** The busiest best hour of a segment, for the sentence above the heatmap. */
export function peakHour(r: BestSendTimeResult): number {
  let best = 0;
  let most = Number.NEGATIVE_INFINITY;
  r.hours.forEach((v, h) => {
    if (v > most) {
      best = h;
      most = v;
    }
  });
  return best;
}
