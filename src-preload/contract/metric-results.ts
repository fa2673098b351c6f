// Response types of the metric kinds in metric-queries.ts, keyed by kind. Meanings:
// resources/docs/metrics.md. Rates are fractions in [0, 1] (null when the denominator is 0), except the
// NPS and CSAT scores, which are on their usual -100..100 and 0..100 scales.

export type Value = string | number | boolean | null;

export interface ActiveUsersDay {
  date: string;
  dau: number;
  /** users active in the 7 days ending on `date` */
  wau: number;
  /** users active in the 30 days ending on `date` */
  mau: number;
  /** dau / mau */
  stickiness: number | null;
}

export interface ActiveUsersPeriod {
  start: string;
  active: number;
  new: number;
  returning: number;
}

export interface ActiveUsersResult {
  days: ActiveUsersDay[];
  periods: ActiveUsersPeriod[];
  summary: { avgDau: number; avgWau: number; avgMau: number; stickiness: number | null };
}

export interface ChurnPeriod {
  start: string;
  active: number;
  /** active users who were first seen in this period */
  new: number;
  /** of `active`, users also active in the next period; null for the last period */
  retainedNext: number | null;
  churned: number | null;
  churnRate: number | null;
  /** customer retention rate (E - N) / S against the previous period; null for the first period */
  retentionRate: number | null;
}

export interface ChurnResult {
  periods: ChurnPeriod[];
  bySegment?: { name: string; users: number; periods: ChurnPeriod[] }[];
}

export interface AdoptionTrendPoint {
  start: string;
  users: number;
  activeUsers: number;
  adoption: number | null;
}

export interface FeatureAdoptionRow {
  event: string;
  users: number;
  events: number;
  adoption: number | null;
  trend: AdoptionTrendPoint[];
}

export interface FeatureAdoptionResult {
  activeUsers: number;
  features: FeatureAdoptionRow[];
}

export interface Distribution {
  /** lower bounds of the buckets, in seconds; the last bucket is open-ended */
  boundsSeconds: number[];
  counts: number[];
}

export interface SessionsDay {
  date: string;
  users: number;
  sessions: number;
  /** seconds spent per active user that day */
  avgSecondsPerUser: number | null;
}

export interface SessionsResult {
  sessions: number;
  users: number;
  sessionsPerUser: number | null;
  medianSeconds: number | null;
  avgSeconds: number | null;
  /** how the sessions were cut: by the property, by the gap rule, or both */
  sessionsFromProperty: number;
  lengths: Distribution;
  days: SessionsDay[];
  /** seconds per (user, active day) */
  timePerUserDay: { avgSeconds: number | null; medianSeconds: number | null };
}

export interface ActivityHeatmapResult {
  measure: "events" | "users";
  /** cells[weekday][hour]; weekday 0 is Monday, hours 0-23 in the query's timezone */
  cells: number[][];
  total: number;
}

export interface AcquisitionRetention {
  day: number;
  users: number;
  rate: number | null;
  /** users whose day N is after the as-of day (left out of `rate`) */
  incomplete: number;
}

export interface AcquisitionRow {
  value: Value;
  other?: boolean;
  users: number;
  converted: number;
  conversionRate: number | null;
  retention: AcquisitionRetention[];
}

export interface AcquisitionResult {
  users: number;
  rows: AcquisitionRow[];
}

export interface RevenuePeriod {
  start: string;
  revenue: number;
  activeUsers: number;
  payingUsers: number;
  perUser: number | null;
  perPayingUser: number | null;
  cumulativeRevenue: number;
}

export interface RevenueCohort {
  start: string;
  users: number;
  /** cumulative revenue per cohort user at the end of period start + k */
  ltv: number[];
  revenue: number[];
}

export interface RevenueResult {
  revenue: number;
  activeUsers: number;
  payingUsers: number;
  perUser: number | null;
  perPayingUser: number | null;
  periods: RevenuePeriod[];
  cohorts: RevenueCohort[];
  /**
   * Which cohort a user is in, in words: the period they were created (the imported created_at,
   * else their first event). Retention's first-time cohorts are by the target event instead, so the
   * two sizes differ unless the definitions coincide; each screen names its own.
   */
  cohortDefinition: string;
}

export interface SurveyScore {
  responses: number;
  respondents: number;
  /** NPS -100..100, CSAT 0..100, CES the mean score; null without responses */
  score: number | null;
  /** NPS promoters / passives / detractors, CSAT satisfied / other; counts of responses */
  breakdown: Record<string, number>;
  /** responses whose score was missing, not a number or off the scale */
  ignored: number;
}

export interface SurveyScoresResult {
  type: "nps" | "csat" | "ces";
  overall: SurveyScore;
  periods: ({ start: string } & SurveyScore)[];
  bySegment?: { name: string; overall: SurveyScore; periods: ({ start: string } & SurveyScore)[] }[];
}

export interface MessageRow {
  value: Value;
  other?: boolean;
  messages: number;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  openRate: number | null;
  clickRate: number | null;
  clickToOpen: number | null;
  converted: number | null;
  conversionRate: number | null;
}

export interface MessageEngagementResult {
  total: MessageRow;
  rows: MessageRow[];
}

export interface CompareValue {
  segment: string;
  /** users the metric is measured on (for a funnel: users who entered it) */
  n: number;
  /** a proportion, or a mean per user */
  value: number | null;
  successes?: number;
  sd?: number | null;
}

export interface CompareTest {
  /** index into `values` of the baseline (always 0) and of the segment compared with it */
  a: number;
  b: number;
  state: "ok" | "notEnoughData";
  test: "twoProportionZ" | "welchT";
  difference: number | null;
  statistic: number | null;
  df?: number | null;
  pValue: number | null;
  significant: boolean | null;
}

export interface CompareMetricResult {
  type: "funnel" | "retention" | "rate" | "eventsPerUser" | "revenuePerUser";
  label: string;
  values: CompareValue[];
  tests: CompareTest[];
}

export interface CompareResult {
  segments: { name: string; users: number }[];
  alpha: number;
  minUsers: number;
  metrics: CompareMetricResult[];
}

export interface MetricResults {
  activeUsers: ActiveUsersResult;
  churn: ChurnResult;
  featureAdoption: FeatureAdoptionResult;
  sessions: SessionsResult;
  activityHeatmap: ActivityHeatmapResult;
  acquisition: AcquisitionResult;
  revenue: RevenueResult;
  surveyScores: SurveyScoresResult;
  messageEngagement: MessageEngagementResult;
  compare: CompareResult;
}
