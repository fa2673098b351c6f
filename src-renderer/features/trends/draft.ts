import type { EventMatcher } from "../../../src-preload/contract/common.ts";
import type {
  TrendsChart,
  TrendsInterval,
  TrendsMeasure,
  TrendsQuery,
  TrendsSeries,
} from "../../../src-preload/contract/trends.ts";
import type { GlobalFilters } from "../../store/global-filters.ts";
import { globalQueryParts } from "../../store/global-filters.ts";

// Editor state: a trends query without the top bar's parts (range, timezone, segment).
export interface TrendsDraft {
  series: TrendsSeries[];
  interval: TrendsInterval;
  breakdown: { property: string; scope: "event" | "user"; limit: number } | null;
  formula: string;
  compare: boolean;
  cumulative: boolean;
}

export const MEASURE_LABELS: Record<string, string> = {
  events: "Total events",
  users: "Unique users",
  eventsPerUser: "Events per user",
  sum: "Sum of",
  avg: "Average of",
  min: "Minimum of",
  max: "Maximum of",
  median: "Median of",
  p90: "90th percentile of",
};

export function measureKey(m: TrendsMeasure | undefined): string {
  if (m === undefined) return "events";
  return typeof m === "string" ? m : m.fn;
}

export function defaultTrends(events: readonly string[]): TrendsDraft {
  const first: EventMatcher = { event: events[0] ?? null };
  return {
    series: [{ event: first, measure: "events" }],
    interval: "day",
    breakdown: null,
    formula: "",
    compare: false,
    cumulative: false,
  };
}

export function trendsQuery(
  d: TrendsDraft,
  g: Pick<GlobalFilters, "range" | "timezone" | "segment">,
): TrendsQuery {
  const q: TrendsQuery = { kind: "trends", series: d.series, interval: d.interval, ...globalQueryParts(g) };
  if (d.breakdown) {
    q.breakdown = {
      property: d.breakdown.property,
      ...(d.breakdown.scope === "user" ? { scope: "user" as const } : {}),
      limit: d.breakdown.limit,
    };
  }
  if (d.formula.trim()) q.formula = d.formula.trim();
  if (d.compare) q.compare = "previousPeriod";
  if (d.cumulative) q.cumulative = true;
  return q;
}

/** What a report saves: the engine's query and the chart type, unless it is the default line. */
export function withChart(q: TrendsQuery, chart: TrendsChart): TrendsQuery {
  return chart === "line" ? q : { ...q, chart };
}

export function trendsDraft(q: TrendsQuery): TrendsDraft {
  return {
    series: q.series,
    interval: q.interval,
    breakdown: q.breakdown
      ? {
          property: q.breakdown.property,
          scope: q.breakdown.scope ?? "event",
          limit: q.breakdown.limit ?? 10,
        }
      : null,
    formula: q.formula ?? "",
    compare: q.compare === "previousPeriod",
    cumulative: q.cumulative === true,
  };
}

/** Series letters as the formula names them. */
export function letter(i: number): string {
  return String.fromCharCode(65 + i);
}
