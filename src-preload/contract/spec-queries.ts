import { z } from "zod";
import { EventMatcher, Filter, Interval, Range, Timezone, WeekStart } from "./common.ts";
import { Segment } from "./segment.ts";

// The query kinds of spec/queries.md that no segment nests (funnel, retention and rfm live with the
// segment model in segment.ts). Metric kinds (issue 5) live in metric-queries.ts.

const where = z.array(Filter).optional();
const segment = Segment.optional();

export const SegmentCountQuery = z.strictObject({
  kind: z.literal("segmentCount"),
  segment: Segment,
  timezone: Timezone.optional(),
});
export type SegmentCountQuery = z.infer<typeof SegmentCountQuery>;

export const SegmentMembersQuery = z.strictObject({
  kind: z.literal("segmentMembers"),
  segment: Segment,
  attributes: z.array(z.string().min(1)).optional(),
  limit: z.number().int().min(0).max(10_000_000).optional(),
  offset: z.number().int().min(0).optional(),
  timezone: Timezone.optional(),
});
export type SegmentMembersQuery = z.infer<typeof SegmentMembersQuery>;

export const LifecycleQuery = z.strictObject({
  kind: z.literal("lifecycle"),
  event: EventMatcher,
  interval: Interval,
  range: Range,
  weekStart: WeekStart.optional(),
  timezone: Timezone.optional(),
  where,
  segment,
});
export type LifecycleQuery = z.infer<typeof LifecycleQuery>;

export const StickinessQuery = z.strictObject({
  kind: z.literal("stickiness"),
  event: EventMatcher,
  interval: z.enum(["day", "week"]),
  range: Range,
  mode: z.enum(["exact", "cumulative"]).optional(),
  weekStart: WeekStart.optional(),
  timezone: Timezone.optional(),
  where,
  segment,
});
export type StickinessQuery = z.infer<typeof StickinessQuery>;
