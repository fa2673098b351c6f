import type { Interval } from "../../../../src-preload/contract/common.ts";
import type { SurveyScoresResult } from "../../../../src-preload/contract/metric-results.ts";
import type { ChartOption } from "../../../charts/echarts.ts";
import { fmtInt, fmtPct } from "../../../charts/format.ts";
import { categoryColor } from "../../../charts/palette.ts";
import { base, pctAxis, pctOrDash, periodAxis } from "./chart-parts.ts";
import { clippedPeriodLabel, type DaySpan, periodTooltipFormatter } from "./periods.ts";

// Survey scores read only the range's days (`clippedTo`): a period the range cuts is labelled as such.

const SURVEY_PARTS: Record<SurveyScoresResult["type"], { key: string; label: string; color: string }[]> = {
  nps: [
    { key: "promoters", label: "Promoters (9-10)", color: "#009E73" },
    { key: "passives", label: "Passives (7-8)", color: "#999999" },
    { key: "detractors", label: "Detractors (0-6)", color: "#D55E00" },
  ],
  csat: [
    { key: "satisfied", label: "Satisfied (4-5)", color: "#009E73" },
    { key: "other", label: "Other", color: "#999999" },
  ],
  ces: [],
};

export function surveyScaleName(type: SurveyScoresResult["type"]): string {
  return type === "nps"
    ? "NPS (−100 to 100)"
    : type === "csat"
      ? "CSAT (% satisfied)"
      : "CES (mean effort score)";
}

/** The score axis, bounded by the scale of the survey type (CES has no fixed top). */
function scoreAxis(type: SurveyScoresResult["type"]) {
  return {
    type: "value" as const,
    name: surveyScaleName(type),
    nameTextStyle: { align: "left" as const },
    ...(type === "nps" ? { min: -100, max: 100 } : type === "csat" ? { min: 0, max: 100 } : { min: 1 }),
  };
}

function mixShare(p: SurveyScoresResult["periods"][number], key: string): number | null {
  return p.responses ? (p.breakdown[key] ?? 0) / p.responses : null;
}

/** The score per period on its own scale (NPS -100..100, CSAT 0..100, CES from 1). */
export function surveyScoreOption(
  result: SurveyScoresResult,
  interval: Interval,
  color: string,
  clippedTo: DaySpan | null = null,
): ChartOption {
  return {
    ...base,
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      trigger: "axis",
      formatter: (ps: unknown) => {
        const p = result.periods[(ps as { dataIndex: number }[])[0]?.dataIndex ?? -1];
        if (!p) return "";
        return `<b>${clippedPeriodLabel(p.start, interval, clippedTo)}</b><br/>Score: ${p.score === null ? "–" : p.score.toFixed(1)}<br/>${fmtInt(p.responses)} responses from ${fmtInt(p.respondents)} users`;
      },
    },
    xAxis: periodAxis(result.periods, interval, clippedTo),
    yAxis: scoreAxis(result.type),
    series: [
      {
        name: "Score",
        type: "line",
        itemStyle: { color },
        lineStyle: { width: 3 },
        connectNulls: false,
        label: {
          show: result.periods.length <= 12,
          position: "top",
          textBorderWidth: 0,
          formatter: (p: { value: unknown }) => (typeof p.value === "number" ? p.value.toFixed(1) : ""),
        },
        data: result.periods.map((p) => p.score),
      },
    ],
  };
}

/** The response mix per period (promoters / passives / detractors) as 100% stacked bars. */
export function surveyMixOption(
  result: SurveyScoresResult,
  interval: Interval,
  clippedTo: DaySpan | null = null,
): ChartOption | null {
  const parts = SURVEY_PARTS[result.type];
  if (!parts.length) return null;
  return {
    ...base,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 4, left: 0 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (ps: unknown) => {
        const p = result.periods[(ps as { dataIndex: number }[])[0]?.dataIndex ?? -1];
        if (!p) return "";
        return [
          `<b>${clippedPeriodLabel(p.start, interval, clippedTo)}</b> · ${fmtInt(p.responses)} responses`,
          ...parts.map(
            (x) => `${x.label}: ${fmtInt(p.breakdown[x.key] ?? 0)} (${pctOrDash(mixShare(p, x.key))})`,
          ),
        ].join("<br/>");
      },
    },
    xAxis: periodAxis(result.periods, interval, clippedTo),
    yAxis: { ...pctAxis(""), name: undefined },
    series: parts.map((x) => ({
      name: x.label,
      type: "bar" as const,
      stack: "mix",
      barMaxWidth: 40,
      itemStyle: { color: x.color },
      label: {
        show: result.periods.length <= 8,
        color: "#111111",
        fontSize: 11,
        formatter: (p: { value: unknown }) =>
          typeof p.value === "number" && p.value >= 0.06 ? fmtPct(p.value) : "",
      },
      data: result.periods.map((p) => mixShare(p, x.key)),
    })),
  };
}

/** Survey score per period, one line per segment (plus everyone), on the score's own scale. */
export function bySegmentScoreOption(
  result: SurveyScoresResult,
  interval: Interval,
  clippedTo: DaySpan | null = null,
): ChartOption | null {
  if (!result.bySegment?.length) return null;
  const lines = [{ name: "Everyone", periods: result.periods }, ...result.bySegment];
  return {
    ...base,
    legend: { type: "scroll", top: 4, left: 0, right: 0 },
    tooltip: {
      trigger: "axis",
      formatter: periodTooltipFormatter(
        (i) => clippedPeriodLabel(result.periods[i]?.start ?? "", interval, clippedTo),
        (v) => (typeof v === "number" ? v.toFixed(1) : "–"),
      ),
    },
    xAxis: periodAxis(result.periods, interval, clippedTo),
    yAxis: scoreAxis(result.type),
    series: lines.map((l, i) => ({
      name: l.name,
      type: "line" as const,
      connectNulls: false,
      itemStyle: { color: categoryColor(i) },
      data: l.periods.map((p) => p.score),
    })),
  };
}
