import { z } from "zod";
import { Duration, EventMatcher, Filter, Interval, Range, Timezone, WeekStart } from "./common.ts";
import { MetricQueries } from "./metric-queries.ts";
import { RfmQuery } from "./rfm.ts";
import { Segment } from "./segment.ts";
import { TrendsQuery } from "./trends.ts";

// The query kinds of spec/queries.md. Metric kinds (issue 5) live in metric-queries.ts.

const where = z.array(Filter).optional();
const segment = z.lazy(() => Segment).optional();

export const SegmentCountQuery = z.strictObject({
  kind: z.literal("segmentCount"),
  segment: z.lazy(() => Segment),
  timezone: Timezone.optional(),
});
export type SegmentCountQuery = z.infer<typeof SegmentCountQuery>;

export const SegmentMembersQuery = z.strictObject({
  kind: z.literal("segmentMembers"),
  segment: z.lazy(() => Segment),
  attributes: z.array(z.string().min(1)).optional(),
  limit: z.number().int().min(0).max(10_000_000).optional(),
  offset: z.number().int().min(0).optional(),
  timezone: Timezone.optional(),
});
export type SegmentMembersQuery = z.infer<typeof SegmentMembersQuery>;

export const FunnelOrder = z.enum(["ordered", "strict", "unordered"]);
export type FunnelOrder = z.infer<typeof FunnelOrder>;

export const Attribution = z.union([
  z.enum(["firstTouch", "lastTouch"]),
  z.strictObject({ step: z.number().int().min(0) }),
]);
export type Attribution = z.infer<typeof Attribution>;

export const FunnelQuery = z
  .strictObject({
    kind: z.literal("funnel"),
    steps: z.array(EventMatcher).min(1, "a funnel needs at least one step"),
    window: Duration.optional(),
    order: FunnelOrder.optional(),
    range: Range,
    timezone: Timezone.optional(),
    where,
    segment,
    exclusions: z
      .array(
        z.strictObject({
          event: EventMatcher,
          fromStep: z.number().int().min(0),
          toStep: z.number().int().min(0),
        }),
      )
      .optional(),
    breakdown: z
      .strictObject({
        property: z.string().min(1),
        scope: z.enum(["event", "user"]).optional(),
        attribution: Attribution.optional(),
        limit: z.number().int().min(1).max(100).optional(),
      })
      .optional(),
    /** issue 15: the overall conversion per day or week of entry (resources/docs/queries.md) */
    conversionOverTime: z.enum(["day", "week"]).optional(),
  })
  .superRefine((q, ctx) => {
    const n = q.steps.length;
    (q.exclusions ?? []).forEach((ex, i) => {
      if (!(ex.fromStep < ex.toStep && ex.toStep < n)) {
        ctx.addIssue({
          code: "custom",
          path: ["exclusions", i],
          message: `needs 0 <= fromStep < toStep < ${n} (got fromStep ${ex.fromStep}, toStep ${ex.toStep})`,
        });
      } else if (q.order === "unordered" && (ex.fromStep !== 0 || ex.toStep !== n - 1)) {
        ctx.addIssue({
          code: "custom",
          path: ["exclusions", i],
          message: `exclusions of an unordered funnel must span the whole funnel (fromStep 0, toStep ${n - 1})`,
        });
      }
    });
    const att = q.breakdown?.attribution;
    if (att && typeof att === "object" && att.step >= n) {
      ctx.addIssue({
        code: "custom",
        path: ["breakdown", "attribution", "step"],
        message: `step ${att.step} does not exist (the funnel has ${n} steps, 0-based)`,
      });
    }
  });
export type FunnelQuery = z.infer<typeof FunnelQuery>;

export const RetentionQuery = z.strictObject({
  kind: z.literal("retention"),
  target: EventMatcher,
  return: EventMatcher,
  interval: Interval,
  periods: z.number().int().min(1).max(1000),
  range: Range,
  timezone: Timezone.optional(),
  weekStart: WeekStart.optional(),
  mode: z.enum(["recurring", "firstTime", "firstEver"]).optional(),
  measure: z.enum(["on", "onOrAfter"]).optional(),
  where,
  segment,
});
export type RetentionQuery = z.infer<typeof RetentionQuery>;

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

// Built lazily: queries.ts, segment.ts, rfm.ts and metric-queries.ts import one another, and a
// union built at load time would see undefined members when a program loads rfm.ts first.
export const Query = z.lazy(() =>
  z.discriminatedUnion("kind", [
    SegmentCountQuery,
    SegmentMembersQuery,
    FunnelQuery,
    RetentionQuery,
    LifecycleQuery,
    StickinessQuery,
    RfmQuery,
    TrendsQuery,
    ...MetricQueries,
  ]),
);
export type Query = z.infer<typeof Query>;
export type QueryKind = Query["kind"];
