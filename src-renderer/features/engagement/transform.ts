import type { Interval } from "../../../src-preload/contract/common.ts";
import type {
  ActiveUsersResult,
  ActivityHeatmapResult,
} from "../../../src-preload/contract/metric-results.ts";
import type { LifecycleResult } from "../../../src-preload/contract/results.ts";
import type { ChartOption } from "../../charts/echarts.ts";
import { escapeHtml, fmtCompact, fmtDate, fmtInt, fmtPct, fmtPeriod } from "../../charts/format.ts";
import { categoryColor, LIFECYCLE_COLORS, rampAt, textOn } from "../../charts/palette.ts";
import { base, countAxis, countOrDash, periodAxis } from "./transform/chart-parts.ts";

// Pure transforms for the engagement charts: lifecycle, stickiness, active users, activity heatmap.

const LC_KEYS = ["new", "returning", "resurrecting", "dormant"] as const;
const LC_NAMES = { new: "New", returning: "Returning", resurrecting: "Resurrecting", dormant: "Dormant" };

/**
 * Lifecycle: stacked bars per period, the three kinds of active users above the axis and the dormant
 * ones below it (the engine reports them negative), so growth and loss read against the same zero.
 */
export function lifecycleOption(result: LifecycleResult, interval: Interval): ChartOption {
  const labels = result.periods.map((p) => fmtPeriod(p.start, interval));
  return {
    ...base,
    legend: { top: 4, left: 0, data: LC_KEYS.map((k) => LC_NAMES[k]) },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (ps: unknown) => {
        const list = ps as { dataIndex: number }[];
        const p = result.periods[list[0]?.dataIndex ?? -1];
        if (!p) return "";
        const active = p.new + p.returning + p.resurrecting;
        return [
          `<b>${escapeHtml(labels[list[0]?.dataIndex ?? 0] ?? "")}</b>`,
          ...LC_KEYS.map(
            (k) =>
              `<span style="color:${LIFECYCLE_COLORS[k]}">●</span> ${LC_NAMES[k]}: ${fmtInt(Math.abs(p[k]))}`,
          ),
          `Active: ${fmtInt(active)} · net change ${signed(p.new + p.resurrecting + p.dormant)}`,
        ].join("<br/>");
      },
    },
    xAxis: periodAxis(result.periods, interval),
    yAxis: {
      type: "value",
      name: "Users (dormant below zero)",
      nameTextStyle: { align: "left" },
      axisLabel: { formatter: (v: number) => fmtCompact(Math.abs(v)) },
      splitLine: { show: true },
    },
    series: LC_KEYS.map((k) => ({
      name: LC_NAMES[k],
      type: "bar" as const,
      stack: "lifecycle",
      barMaxWidth: 36,
      itemStyle: { color: LIFECYCLE_COLORS[k] },
      // Dormant is negative by contract; force the sign so a positive value can never stack upward.
      data: result.periods.map((p) => (k === "dormant" ? -Math.abs(p[k]) : p[k])),
    })),
  };
}

function signed(n: number): string {
  return n > 0 ? `+${fmtInt(n)}` : n < 0 ? `−${fmtInt(-n)}` : "0";
}

export interface StickinessBar {
  k: number;
  users: number;
  /** share of users active in at least one bucket */
  share: number;
}

export function stickinessBars(counts: readonly number[], mode: "exact" | "cumulative"): StickinessBar[] {
  // Users active at least once: the sum of the exact counts, or the first cumulative count.
  const total = mode === "exact" ? counts.reduce((a, b) => a + b, 0) : (counts[0] ?? 0);
  return counts.map((users, i) => ({ k: i + 1, users, share: total > 0 ? users / total : 0 }));
}

export function stickinessOption(
  bars: readonly StickinessBar[],
  interval: "day" | "week",
  mode: "exact" | "cumulative",
  color: string,
): ChartOption {
  const unit = (k: number) => `${k} ${interval}${k === 1 ? "" : "s"}`;
  const label = (k: number) => (mode === "cumulative" ? `≥ ${unit(k)}` : unit(k));
  return {
    animationDuration: 250,
    grid: { left: 8, right: 16, top: 28, bottom: 32, containLabel: true },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (ps: unknown) => {
        const b = bars[(ps as { dataIndex: number }[])[0]?.dataIndex ?? -1];
        if (!b) return "";
        return `Active on ${label(b.k)}<br/>${fmtInt(b.users)} users · ${fmtPct(b.share)} of active users`;
      },
    },
    xAxis: {
      type: "category",
      name: `${interval === "day" ? "Days" : "Weeks"} active in the range`,
      nameLocation: "middle",
      nameGap: 26,
      data: bars.map((b) => (mode === "cumulative" ? `≥${b.k}` : String(b.k))),
    },
    yAxis: { type: "value", name: "Users", axisLabel: { formatter: (v: number) => fmtCompact(v) } },
    series: [
      {
        type: "bar",
        name: "Users",
        barMaxWidth: 32,
        itemStyle: { color },
        label: {
          show: bars.length <= 14,
          position: "top",
          fontSize: 11,
          formatter: (p: { dataIndex: number }) => fmtPct(bars[p.dataIndex]?.share ?? 0),
        },
        data: bars.map((b) => b.users),
      },
    ],
  };
}

/** DAU, WAU and MAU per day (rolling 7- and 30-day windows ending on each day). */
export function activeUsersOption(result: ActiveUsersResult): ChartOption {
  const dates = result.days.map((d) => d.date);
  const series = [
    { name: "DAU", key: "dau" as const },
    { name: "WAU (7 days)", key: "wau" as const },
    { name: "MAU (30 days)", key: "mau" as const },
  ];
  return {
    ...base,
    legend: { top: 4, left: 0 },
    tooltip: { trigger: "axis", valueFormatter: countOrDash },
    xAxis: {
      type: "category",
      data: dates,
      axisLabel: { hideOverlap: true, formatter: (v: string) => shortDate(v) },
    },
    yAxis: countAxis("Active users"),
    series: series.map((s, i) => ({
      name: s.name,
      type: "line" as const,
      showSymbol: dates.length <= 45,
      itemStyle: { color: categoryColor(i) },
      data: result.days.map((d) => d[s.key]),
    })),
  };
}

export function stickinessRatioOption(result: ActiveUsersResult, color: string): ChartOption {
  return {
    animationDuration: 250,
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    tooltip: {
      trigger: "axis",
      valueFormatter: (v: unknown) => (typeof v === "number" ? fmtPct(v) : "–"),
    },
    xAxis: {
      type: "category",
      data: result.days.map((d) => d.date),
      axisLabel: { hideOverlap: true, formatter: (v: string) => shortDate(v) },
    },
    yAxis: {
      type: "value",
      name: "DAU / MAU",
      nameTextStyle: { align: "left" },
      min: 0,
      axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
    },
    series: [
      {
        type: "line",
        name: "DAU / MAU",
        showSymbol: false,
        itemStyle: { color },
        areaStyle: { color, opacity: 0.1 },
        data: result.days.map((d) => d.stickiness),
      },
    ],
  };
}

export function newReturningOption(result: ActiveUsersResult, interval: Interval): ChartOption {
  return {
    ...base,
    legend: { top: 4, left: 0 },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (v: unknown) => fmtInt(Number(v)),
    },
    xAxis: periodAxis(result.periods, interval),
    yAxis: countAxis("Active users"),
    series: [
      {
        name: "New",
        type: "bar",
        stack: "a",
        barMaxWidth: 36,
        itemStyle: { color: LIFECYCLE_COLORS.new },
        data: result.periods.map((p) => p.new),
      },
      {
        name: "Returning",
        type: "bar",
        stack: "a",
        barMaxWidth: 36,
        itemStyle: { color: LIFECYCLE_COLORS.returning },
        data: result.periods.map((p) => p.returning),
      },
    ],
  };
}

export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

/**
 * What the activity heatmap counts, in the zone its hours are read in: the query's (the top bar's
 * override) when it has one, else the workspace's. Naming "the workspace timezone" outright was wrong
 * whenever the top bar overrode it.
 */
export function heatmapCountsText(
  unit: string,
  queryZone: string | null | undefined,
  workspaceZone: string | null | undefined,
): string {
  return `${unit} per hour, in ${queryZone ?? workspaceZone ?? "the workspace timezone"}`;
}

/**
 * Hour-of-day by weekday: one-hue ramp with the count printed in each cell and the text color chosen
 * per cell for contrast (computed here rather than by a visualMap, so it follows the cell color).
 */
export function heatmapOption(
  result: ActivityHeatmapResult,
  ramp: readonly string[],
  dark: boolean,
): ChartOption {
  const max = Math.max(1, ...result.cells.flat());
  const unit = result.measure === "users" ? "users" : "events";
  const data = result.cells.flatMap((row, wd) =>
    row.map((v, h) => {
      const bg = rampAt(ramp, Math.sqrt(v / max));
      return { value: [h, wd, v], itemStyle: { color: bg }, label: { color: textOn(bg) } };
    }),
  );
  return {
    animationDuration: 250,
    grid: { left: 8, right: 8, top: 8, bottom: 32, containLabel: true },
    tooltip: {
      formatter: (p: unknown) => {
        const [h, wd, v] = (p as { value: [number, number, number] }).value;
        return `${WEEKDAYS[wd]} ${String(h).padStart(2, "0")}:00–${String(h).padStart(2, "0")}:59<br/>${fmtInt(v)} ${unit} · ${fmtPct(result.total ? v / result.total : 0)} of all`;
      },
    },
    xAxis: {
      type: "category",
      name: "Hour of day",
      nameLocation: "middle",
      nameGap: 24,
      data: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0")),
      splitArea: { show: false },
    },
    yAxis: { type: "category", data: [...WEEKDAYS], inverse: true },
    series: [
      {
        type: "heatmap",
        name: unit,
        data,
        label: {
          show: true,
          fontSize: 10,
          formatter: (p: { value: unknown }) => fmtCompact((p.value as number[])[2] ?? 0),
        },
        itemStyle: { borderWidth: 1, borderColor: dark ? "#0d1117" : "#ffffff" },
        emphasis: { itemStyle: { borderColor: dark ? "#e6edf3" : "#1f2328", borderWidth: 1 } },
      },
    ],
  };
}

function shortDate(iso: string): string {
  return fmtDate(iso, false);
}
