import { z } from "zod";
import { Timezone } from "./common.ts";
import { PropensityQuery, Segment } from "./segment.ts";

// The predictive kinds of spec/queries.md v1.1: "Propensity" and "Best send hour" (issue 17), and
// their results. PropensityQuery itself lives in segment.ts, since a segment condition holds it.

export { durationMsOf, PropensityQuery } from "./segment.ts";

/** Users by their best local hour and weekday (the attributes `$bestSendHour`, `$bestSendWeekday`). */
export const BestSendTimeQuery = z.strictObject({
  kind: z.literal("bestSendTime"),
  timezone: Timezone.optional(),
  segment: Segment.optional(),
});
export type BestSendTimeQuery = z.infer<typeof BestSendTimeQuery>;

/** Computed per-user columns, for exports and member lists. */
export const COMPUTED_COLUMNS = ["$bestSendHour", "$bestSendWeekday", "$propensityScore"] as const;
export type ComputedColumn = (typeof COMPUTED_COLUMNS)[number];
export function isComputedColumn(name: string): name is ComputedColumn {
  return (COMPUTED_COLUMNS as readonly string[]).includes(name);
}

/**
 * The computed columns of a segment's members (`$propensityScore` needs `propensity`): what an
 * export asks the engine for when its columns name them.
 */
export const UserColumnsQuery = z
  .strictObject({
    kind: z.literal("userColumns"),
    segment: Segment,
    columns: z.array(z.enum(COMPUTED_COLUMNS)).min(1),
    propensity: PropensityQuery.optional(),
    timezone: Timezone.optional(),
  })
  .refine((q) => !q.columns.includes("$propensityScore") || q.propensity !== undefined, {
    message: "the $propensityScore column needs a propensity query",
    path: ["propensity"],
  });
export type UserColumnsQuery = z.infer<typeof UserColumnsQuery>;

export interface UserColumnsResult {
  /** users.id of the members, ascending */
  userIds: number[];
  /** one array per asked column, aligned with userIds (null: no score, outside the model's segment) */
  values: (number | null)[][];
}

export interface CalibrationBin {
  /** mean predicted probability of the bin's users (the bin's middle when it is empty) */
  predicted: number;
  /** share of the bin's users who did the target; null for an empty bin */
  observed: number | null;
  users: number;
}

export interface PropensityModel {
  kind: string;
  trainedOn: number;
  testedOn: number;
  /** share of trained-on users who did the target after the cutoff */
  positiveRate: number;
  /** held-out AUC; null when the held-out users are all positive or all negative */
  auc: number | null;
  /** held-out AUC of "did the target in the last horizon before the cutoff" */
  baselineAuc: number | null;
  brier: number | null;
  calibration: CalibrationBin[];
  features: { name: string; importance: number }[];
  /** held-out users by score decile (1 = highest scores): how many did the target */
  gains: { decile: number; users: number; positives: number; cumulativeShare: number }[];
  /** the model's held-out AUC beats the baseline's by a margin (0.01) */
  beatsBaseline: boolean;
}

export interface PropensityResult {
  /** the last day whose events feed the features of the trained model */
  cutoff: string;
  asOf: string;
  model: PropensityModel;
  /** users scored with features up to the end of the as-of day, by score decile (1 = highest) */
  deciles: { decile: number; minScore: number; users: number; expected: number }[];
}

export interface BestSendTimeResult {
  users: number;
  /** users by best hour 0-23 */
  hours: number[];
  /** users by best weekday, index 0 = Monday ... 6 = Sunday */
  weekdays: number[];
  /** users by (best weekday, best hour): grid[weekday - 1][hour] */
  grid: number[][];
  /** users without events in the 90 days, who got the global winners */
  fallback: number;
  globalHour: number;
  globalWeekday: number;
  from: string;
  to: string;
}
