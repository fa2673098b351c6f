import type {
  ActivityHeatmapResult,
  SurveyScoresResult,
} from "../../../../src-preload/contract/metric-results.ts";
import type { LifecycleResult } from "../../../../src-preload/contract/results.ts";
import type { ChartTableRow } from "../../../charts/ChartTable.tsx";
import { fmtInt, fmtPct, fmtPeriod } from "../../../charts/format.ts";
import { type StickinessBar, WEEKDAYS } from "../transform.ts";
import { clippedPeriodLabel, type DaySpan } from "./periods.ts";

// The numbers behind the chart-only engagement tabs as table rows (ChartTable), formatted as the
// charts' tooltips print them, so what a reader copies is what the chart shows.

type Interval = "day" | "week" | "month";

export const LIFECYCLE_COLUMNS = ["New", "Returning", "Resurrecting", "Dormant"] as const;

/** One row per period; dormant as a count of users (the chart draws it below zero). */
export function lifecycleRows(r: LifecycleResult, interval: Interval): ChartTableRow[] {
  return r.periods.map((p) => ({
    key: p.start,
    head: fmtPeriod(p.start, interval),
    cells: [p.new, p.returning, p.resurrecting, Math.abs(p.dormant)].map(fmtInt),
  }));
}

export function stickinessRows(
  bars: readonly StickinessBar[],
  interval: "day" | "week",
  cumulative: boolean,
): ChartTableRow[] {
  const unit = (k: number) => `${k} ${interval}${k === 1 ? "" : "s"}`;
  return bars.map((b) => ({
    key: String(b.k),
    head: cumulative ? `${unit(b.k)} or more` : unit(b.k),
    cells: [fmtInt(b.users), fmtPct(b.share)],
  }));
}

export const HEATMAP_COLUMNS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0"));

/** A row per weekday (Monday first), a column per local hour. */
export function heatmapRows(r: ActivityHeatmapResult): ChartTableRow[] {
  return r.cells.map((row, wd) => ({
    key: String(wd),
    head: WEEKDAYS[wd] ?? String(wd),
    cells: row.map(fmtInt),
  }));
}

/** Score, responses, respondents, then the answer groups (promoters...) per period. */
export function surveyColumns(r: SurveyScoresResult): string[] {
  const label = (g: string) => `${g.charAt(0).toUpperCase()}${g.slice(1)}`;
  return ["Score", "Responses", "Users", ...Object.keys(r.overall.breakdown).map(label)];
}

/** Survey scores read only the range's days (`clippedTo`): a period the range cuts says so. */
export function surveyRows(
  r: SurveyScoresResult,
  interval: Interval,
  clippedTo: DaySpan | null = null,
): ChartTableRow[] {
  const groups = Object.keys(r.overall.breakdown);
  return r.periods.map((p) => ({
    key: p.start,
    head: clippedPeriodLabel(p.start, interval, clippedTo),
    cells: [
      p.score === null ? "–" : p.score.toFixed(1),
      fmtInt(p.responses),
      fmtInt(p.respondents),
      ...groups.map((g) => fmtInt(p.breakdown[g] ?? 0)),
    ],
  }));
}
