import { z } from "zod";
import { Duration, EventMatcher, Filter, Interval, Range, Timezone, WeekStart } from "./common.ts";
import { Segment } from "./segment.ts";

// Engagement, revenue, survey, message and comparison kinds (issue 5). Each is a strict object with a
// literal `kind`, registered in query-kinds.ts. Shapes and meanings: resources/docs/metrics.md.

const where = z.array(Filter).optional();
const segment = Segment.optional();
const property = z.string().min(1);

/** A segment with a display name, for "by segment" breakdowns and comparisons. */
export const NamedSegment = z.strictObject({
  name: z.string().min(1).max(200),
  segment: Segment,
});
export type NamedSegment = z.infer<typeof NamedSegment>;

const bySegments = z.array(NamedSegment).min(1).max(20).optional();

export const ActiveUsersQuery = z.strictObject({
  kind: z.literal("activeUsers"),
  event: EventMatcher.optional(),
  range: Range,
  interval: Interval.optional(),
  weekStart: WeekStart.optional(),
  timezone: Timezone.optional(),
  where,
  segment,
});
export type ActiveUsersQuery = z.infer<typeof ActiveUsersQuery>;

export const ChurnQuery = z.strictObject({
  kind: z.literal("churn"),
  event: EventMatcher.optional(),
  interval: Interval,
  range: Range,
  weekStart: WeekStart.optional(),
  segments: bySegments,
  timezone: Timezone.optional(),
  where,
  segment,
});
export type ChurnQuery = z.infer<typeof ChurnQuery>;

export const FeatureAdoptionQuery = z.strictObject({
  kind: z.literal("featureAdoption"),
  events: z.array(z.string().min(1)).min(1).max(500).optional(),
  active: EventMatcher.optional(),
  range: Range,
  interval: Interval.optional(),
  weekStart: WeekStart.optional(),
  timezone: Timezone.optional(),
  where,
  segment,
});
export type FeatureAdoptionQuery = z.infer<typeof FeatureAdoptionQuery>;

export const SessionsQuery = z.strictObject({
  kind: z.literal("sessions"),
  range: Range,
  sessionProperty: property.nullable().optional(),
  gap: Duration.optional(),
  timezone: Timezone.optional(),
  where,
  segment,
});
export type SessionsQuery = z.infer<typeof SessionsQuery>;

export const ActivityHeatmapQuery = z.strictObject({
  kind: z.literal("activityHeatmap"),
  event: EventMatcher.optional(),
  range: Range,
  measure: z.enum(["events", "users"]).optional(),
  timezone: Timezone.optional(),
  where,
  segment,
});
export type ActivityHeatmapQuery = z.infer<typeof ActivityHeatmapQuery>;

export const AcquisitionQuery = z.strictObject({
  kind: z.literal("acquisition"),
  by: z.strictObject({ property, scope: z.enum(["event", "user"]).optional() }),
  range: Range,
  conversion: EventMatcher.optional(),
  conversionWindow: Duration.optional(),
  retentionDays: z.array(z.number().int().min(1).max(3650)).max(20).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  timezone: Timezone.optional(),
  where,
  segment,
});
export type AcquisitionQuery = z.infer<typeof AcquisitionQuery>;

export const RevenueQuery = z.strictObject({
  kind: z.literal("revenue"),
  event: EventMatcher,
  property,
  range: Range,
  interval: Interval.optional(),
  weekStart: WeekStart.optional(),
  timezone: Timezone.optional(),
  where,
  segment,
});
export type RevenueQuery = z.infer<typeof RevenueQuery>;

export const SurveyScoresQuery = z.strictObject({
  kind: z.literal("surveyScores"),
  type: z.enum(["nps", "csat", "ces"]),
  event: EventMatcher,
  property,
  range: Range,
  interval: Interval.optional(),
  weekStart: WeekStart.optional(),
  segments: bySegments,
  timezone: Timezone.optional(),
  where,
  segment,
});
export type SurveyScoresQuery = z.infer<typeof SurveyScoresQuery>;

export const MessageEngagementQuery = z.strictObject({
  kind: z.literal("messageEngagement"),
  send: EventMatcher,
  delivered: EventMatcher.optional(),
  open: EventMatcher,
  click: EventMatcher,
  by: property.optional(),
  conversion: EventMatcher.optional(),
  conversionWindow: Duration.optional(),
  limit: z.number().int().min(1).max(1000).optional(),
  range: Range,
  timezone: Timezone.optional(),
  where,
  segment,
});
export type MessageEngagementQuery = z.infer<typeof MessageEngagementQuery>;

export const CompareMetric = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("funnel"),
    label: z.string().max(200).optional(),
    steps: z.array(EventMatcher).min(2, "a funnel metric needs at least two steps"),
    window: Duration.optional(),
    order: z.enum(["ordered", "strict", "unordered"]).optional(),
  }),
  z.strictObject({
    type: z.literal("retention"),
    label: z.string().max(200).optional(),
    target: EventMatcher,
    return: EventMatcher,
    day: z.number().int().min(1).max(3650),
  }),
  z.strictObject({ type: z.literal("rate"), label: z.string().max(200).optional(), event: EventMatcher }),
  z.strictObject({
    type: z.literal("eventsPerUser"),
    label: z.string().max(200).optional(),
    event: EventMatcher,
  }),
  z.strictObject({
    type: z.literal("revenuePerUser"),
    label: z.string().max(200).optional(),
    event: EventMatcher,
    property,
  }),
]);
export type CompareMetric = z.infer<typeof CompareMetric>;

export const CompareQuery = z.strictObject({
  kind: z.literal("compare"),
  segments: z.array(NamedSegment).min(2, "compare needs at least two segments").max(10),
  metrics: z.array(CompareMetric).min(1).max(20),
  range: Range,
  alpha: z.number().gt(0).lt(1).optional(),
  timezone: Timezone.optional(),
  where,
});
export type CompareQuery = z.infer<typeof CompareQuery>;
