import type { MetricResults } from "./metric-results.ts";
import type { RfmGroupName } from "./rfm.ts";

// What each query kind answers. Every kind declares its response type here (or in metric-results.ts).

export interface SegmentCountResult {
  users: number;
  ofTotal: number;
}

export interface MemberRow {
  userId: string;
  firstSeen: string | null;
  lastSeen: string | null;
  events: number;
  attributes: Record<string, string | number | boolean | null>;
}

export interface SegmentMembersResult {
  total: number;
  rows: MemberRow[];
}

export interface FunnelStepResult {
  count: number;
  conversionFromStart: number;
  conversionFromPrevious: number;
  medianSecondsFromPrevious: number | null;
  avgSecondsFromPrevious: number | null;
}

export interface FunnelBreakdownRow {
  value: string | number | boolean | null;
  /** true for the "other" bucket that gathers values past the top ones */
  other?: boolean;
  steps: FunnelStepResult[];
}

export interface FunnelResult {
  steps: FunnelStepResult[];
  breakdown?: FunnelBreakdownRow[];
  /** per step, histogram of seconds from the previous step (for the time-to-convert chart) */
  timeToConvert?: { bucketsSeconds: number[]; counts: number[][] };
  /** with `conversionOverTime`: per day or week of entry, users entering and converting */
  overTime?: FunnelOverTimePoint[];
}

export interface FunnelOverTimePoint {
  start: string;
  entered: number;
  converted: number;
  /** converted / entered, null when nobody entered */
  conversion: number | null;
}

export interface RetentionCohort {
  start: string;
  size: number;
  values: number[];
  incomplete: number;
  /** with `brackets`: per bracket, cohort members who returned in one of its periods */
  brackets?: number[];
  /** how many trailing brackets reach past the periods read */
  bracketsIncomplete?: number;
}

export interface RetentionCurvePoint {
  period: number;
  /** retained share, averaged over the cohorts where the period is known, weighted by cohort size */
  share: number | null;
  users: number;
  /** summed size of the cohorts that count for this period */
  base: number;
  cohorts: number;
}

export interface RetentionResult {
  cohorts: RetentionCohort[];
  /** one point per period (resources/docs/analysis-views.md): the "All cohorts" row and the curve */
  curve: RetentionCurvePoint[];
}

export interface LifecyclePeriod {
  start: string;
  new: number;
  returning: number;
  resurrecting: number;
  dormant: number;
}

export interface LifecycleResult {
  periods: LifecyclePeriod[];
}

export interface StickinessResult {
  counts: number[];
}

export interface RfmGroupResult {
  group: RfmGroupName;
  users: number;
  share: number;
  monetary: number;
  avgRecencyDays: number;
  avgFrequency: number;
}

export interface RfmResult {
  users: number;
  groups: RfmGroupResult[];
  /** users per (recency score, frequency score) cell, [r-1][f-1] */
  grid: number[][];
  /** quintile edges used for the scores, so the numbers can be explained */
  edges: { recencyDays: number[]; frequency: number[]; monetary: number[] };
}

export interface PathsResult {
  direction: "forward" | "backward";
  nodes: { step: number; event: string; users: number }[];
  links: { step: number; from: string; to: string; users: number }[];
  dropOff: { step: number; event: string; users: number }[];
}

export interface SegmentFlowResult {
  /** the states' labels, then "$none" and "$notYet" */
  states: string[];
  at: string[];
  /** counts[i][s]: users in state s at at[i] */
  counts: number[][];
  /** matrix[x][y]: users in state x at `from` and y at `to` */
  transitions: { from: string; to: string; matrix: number[][] }[];
}

export interface SpecResults {
  segmentCount: SegmentCountResult;
  segmentMembers: SegmentMembersResult;
  funnel: FunnelResult;
  retention: RetentionResult;
  lifecycle: LifecycleResult;
  stickiness: StickinessResult;
  rfm: RfmResult;
  paths: PathsResult;
  segmentFlow: SegmentFlowResult;
}

export type QueryResults = SpecResults & MetricResults;
export type ResultOf<K extends keyof QueryResults> = QueryResults[K];
