import type { RetentionQuery } from "../../../src-preload/contract/queries.ts";
import type { RetentionCohort, RetentionCurvePoint } from "../../../src-preload/contract/results.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import type { ChartOption } from "../../charts/echarts.ts";
import { fmtInt, fmtPct } from "../../charts/format.ts";
import { rampAt, textOn } from "../../charts/palette.ts";

// Pure transforms for the cohort table and the retention curve.

export type Cell =
  | { state: "value"; users: number; share: number }
  /** the period has not ended (or not begun) by the end of the data: unknown, never 0% */
  | { state: "incomplete" };

/**
 * The hourly interval's tooltip: hours are clock hours in the zone the query runs in (the top bar's
 * override, else the workspace's), which is not always the workspace's.
 */
export function hourlyIntervalTitle(
  queryZone: string | null | undefined,
  workspaceZone: string | null | undefined,
): string {
  return `Clock hours in ${queryZone ?? workspaceZone ?? "the workspace timezone"} (at most 154 days)`;
}

/** Number of periods of `c` whose value is known. */
export function completePeriods(c: RetentionCohort): number {
  return Math.max(0, c.values.length - c.incomplete);
}

export function cohortCells(c: RetentionCohort): Cell[] {
  const known = completePeriods(c);
  return c.values.map((v, k) =>
    k < known ? { state: "value", users: v, share: c.size > 0 ? v / c.size : 0 } : { state: "incomplete" },
  );
}

/** One point of the engine's weighted retention curve (RetentionResult.curve). */
export type CurvePoint = RetentionCurvePoint;

/** A period no cohort has reached (what the engine answers for one). */
export function emptyPoint(period: number): CurvePoint {
  return { period, share: null, users: 0, base: 0, cohorts: 0 };
}

const UNIT: Record<RetentionQuery["interval"], string> = {
  hour: "Hour",
  day: "Day",
  week: "Week",
  month: "Month",
};

export function periodLabel(interval: RetentionQuery["interval"], k: number): string {
  return `${UNIT[interval]} ${k}`;
}

/** "Day 1", "Days 2–7" (an en dash between the bounds). */
export function bracketLabel(interval: RetentionQuery["interval"], b: { from: number; to: number }): string {
  return b.from === b.to ? `${UNIT[interval]} ${b.from}` : `${UNIT[interval]}s ${b.from}\u2013${b.to}`;
}

export type BracketCell =
  | { state: "value"; users: number; share: number; growing: boolean }
  | { state: "empty" };

/**
 * A cohort's bracket counts from the engine, as shares of the cohort. `growing`: the bracket reaches
 * past the last period read (cohort index + to >= cohorts), so its count may still rise; the engine
 * counts those in `bracketsIncomplete`.
 */
export function bracketCells(
  c: RetentionCohort,
  index: number,
  cohorts: number,
  brackets: readonly { from: number; to: number }[],
): BracketCell[] {
  return brackets.map((b, i) => {
    const users = c.brackets?.[i];
    if (users === undefined || c.size === 0) return { state: "empty" };
    return { state: "value", users, share: users / c.size, growing: index + b.to >= cohorts };
  });
}

/** Background and text color of a heatmap cell; text flips to stay readable. */
export function heatStyle(share: number, ramp: readonly string[]): { background: string; color: string } {
  // A square-root ramp spreads the usual 0-40% range of retention over more of the scale.
  const background = rampAt(ramp, Math.sqrt(Math.min(1, Math.max(0, share))));
  return { background, color: textOn(background) };
}

export function curveOption(
  curve: readonly CurvePoint[],
  interval: RetentionQuery["interval"],
  color: string,
  measure: "on" | "onOrAfter",
): ChartOption {
  return {
    animationDuration: 250,
    grid: { left: 8, right: 32, top: 24, bottom: 32, containLabel: true },
    tooltip: {
      trigger: "axis",
      formatter: (ps: unknown) => {
        const p = (ps as { dataIndex: number }[])[0];
        const pt = p ? curve[p.dataIndex] : undefined;
        if (!pt) return "";
        if (pt.share === null)
          return `${periodLabel(interval, pt.period)}<br/>Not complete for any cohort yet`;
        return [
          `<b>${periodLabel(interval, pt.period)}</b>`,
          `${fmtPct(pt.share)} retained (${measure === "on" ? "returned in this period" : "returned in this period or later"})`,
          `${fmtInt(pt.users)} of ${fmtInt(pt.base)} users in ${pt.cohorts} cohort${pt.cohorts === 1 ? "" : "s"}`,
        ].join("<br/>");
      },
    },
    xAxis: {
      type: "category",
      boundaryGap: false,
      name: `${UNIT[interval]}s after joining`,
      nameLocation: "middle",
      nameGap: 28,
      data: curve.map((p) => String(p.period)),
    },
    yAxis: {
      type: "value",
      min: 0,
      max: 1,
      axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
    },
    series: [
      {
        type: "line",
        name: "Retained",
        smooth: false,
        showSymbol: true,
        connectNulls: false,
        itemStyle: { color },
        areaStyle: { color, opacity: 0.12 },
        label: {
          show: curve.length <= 16,
          position: "top",
          fontSize: 11,
          textBorderWidth: 0,
          formatter: (p: { value: unknown }) => (typeof p.value === "number" ? fmtPct(p.value) : ""),
        },
        data: curve.map((p) => p.share),
      },
    ],
  };
}

export function cohortSegment(
  q: RetentionQuery,
  cohort: string,
  returnedIn?: number,
): { name: string; definition: Segment } {
  const unit = q.interval;
  return returnedIn === undefined
    ? {
        name: `${UNIT[unit]} cohort of ${cohort}`,
        definition: { retention: q, cohort },
      }
    : {
        name: `Cohort ${cohort}, returned in ${periodLabel(unit, returnedIn).toLowerCase()}`,
        definition: { retention: q, cohort, returnedIn },
      };
}

/**
 * Which users make a cohort, in words, so that its size can be checked against other screens (the
 * LTV table's cohorts are by creation date, not by this event).
 */
export function cohortDefinition(q: Pick<RetentionQuery, "target" | "mode" | "interval">): string {
  const ev = q.target.event ?? "any event";
  const per = q.interval;
  switch (q.mode ?? "recurring") {
    case "firstTime":
      return `users whose first ${ev} in the range fell in that ${per}`;
    case "firstEver":
      return `users whose first ${ev} ever fell in that ${per}`;
    default:
      return `users who did ${ev} in that ${per} (a user can be in several cohorts)`;
  }
}
