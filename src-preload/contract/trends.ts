import { z } from "zod";
import { EventMatcher, Filter, Range, Timezone, WeekStart } from "./common.ts";
import { Segment } from "./segment.ts";
import { parseFormula } from "./trends-formula.ts";

// The trends kind of spec/queries.md "Trends (added in v1.1)": series over time buckets.

export const TrendsFn = z.enum(["sum", "avg", "min", "max", "median", "p90"]);
export type TrendsFn = z.infer<typeof TrendsFn>;

export const TrendsMeasure = z.union([
  z.enum(["events", "users", "eventsPerUser"]),
  z.strictObject({ fn: TrendsFn, property: z.string().min(1) }),
]);
export type TrendsMeasure = z.infer<typeof TrendsMeasure>;

export const TrendsSeries = z.strictObject({
  event: EventMatcher,
  label: z.string().optional(),
  measure: TrendsMeasure.optional(),
});
export type TrendsSeries = z.infer<typeof TrendsSeries>;

export const TrendsInterval = z.enum(["hour", "day", "week", "month"]);
export type TrendsInterval = z.infer<typeof TrendsInterval>;

/** How the Trends view draws the answer; saved with a report (issue 15), never read by the engine. */
export const TrendsChart = z.enum(["line", "bar", "stacked", "area", "number"]);
export type TrendsChart = z.infer<typeof TrendsChart>;

export const TrendsQuery = z
  .strictObject({
    kind: z.literal("trends"),
    series: z
      .array(TrendsSeries)
      .min(1, "trends need at least one series")
      .max(10, "trends take at most 10 series"),
    interval: TrendsInterval,
    range: Range,
    timezone: Timezone.optional(),
    weekStart: WeekStart.optional(),
    where: z.array(Filter).optional(),
    segment: Segment.optional(),
    breakdown: z
      .strictObject({
        property: z.string().min(1),
        scope: z.enum(["event", "user"]).optional(),
        limit: z.number().int().min(1).max(50).optional(),
      })
      .optional(),
    formula: z.string().min(1).max(500).optional(),
    compare: z.literal("previousPeriod").optional(),
    cumulative: z.boolean().optional(),
    /** display only: the chart type the report was saved with (absent: line) */
    chart: TrendsChart.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.formula === undefined) return;
    const p = parseFormula(q.formula, q.series.length);
    if (!p.ok) ctx.addIssue({ code: "custom", path: ["formula"], message: p.error });
  });
export type TrendsQuery = z.infer<typeof TrendsQuery>;

export type TrendsValue = string | number | boolean;

export interface TrendsEntry {
  /** the series' index, or "formula" */
  series: number | "formula";
  label: string;
  /** present with a breakdown: the value, "$other" or "$none" */
  breakdown?: TrendsValue;
  /**
   * true when `breakdown` is a stored text that reads "$none" or "$other": that value itself, not
   * the missing values or the merged ones (absent otherwise)
   */
  literal?: true;
  values: (number | null)[];
  total: number | null;
}

export interface TrendsResult {
  /** each bucket's start: YYYY-MM-DD, or YYYY-MM-DDTHH:00 for hours */
  intervals: string[];
  series: TrendsEntry[];
  /** the same query over the period just before the range (its own buckets) */
  previous?: TrendsEntry[];
  /** the buckets of `previous` */
  previousIntervals?: string[];
}
