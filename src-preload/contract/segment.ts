import { z } from "zod";
import { Compare, Duration, EventMatcher, Filter, Range } from "./common.ts";
import { keyedUnion } from "./keyed-union.ts";
import { PathsQuery, SegmentFlowQuery } from "./paths.ts";
import { FunnelQuery, RetentionQuery } from "./queries.ts";
import { RfmQuery } from "./rfm.ts";
import { RfmGroupName } from "./rfm-groups.ts";

// The segment tree of spec/queries.md. Recursive, so its TypeScript type is written once here by
// hand and the schema is checked against it.
export type Condition =
  | { performed: EventMatcher; count?: Compare; within?: Range }
  | { attribute: Filter }
  | { firstSeen: Range }
  | { lastSeen: Range }
  | { sequence: EventMatcher[]; window: Duration; within?: Range }
  | {
      aggregate: EventMatcher;
      property: string;
      fn: "sum" | "avg" | "min" | "max" | "countDistinct";
      compare: Compare;
      within?: Range;
    }
  | { inSegment: string }
  | { rfm: RfmGroupName[]; query: RfmQuery }
  | { funnel: FunnelQuery; reached: number }
  | { funnel: FunnelQuery; droppedAfter: number }
  | { retention: RetentionQuery; cohort: string; returnedIn?: number }
  | PathsCondition
  | FlowCondition;

/** Users counted in one node (or, with `to`, one link) of a paths answer (see resources/docs/queries.md). */
export type PathsCondition = { paths: PathsQuery; step: number; event: string; to?: string };
/** Users in `state` at date `at` of a segment flow (and, with `next`, in `next` at the following date). */
export type FlowCondition = { segmentFlow: SegmentFlowQuery; at: string; state: string; next?: string };

export type Segment = { all: Segment[] } | { any: Segment[] } | { not: Segment } | Condition;

const lazySegment: z.ZodType<Segment> = z.lazy(() => Segment);

const funnelCondition = z
  .union([
    z.strictObject({ funnel: z.lazy(() => FunnelQuery), reached: z.number().int().min(0) }),
    z.strictObject({ funnel: z.lazy(() => FunnelQuery), droppedAfter: z.number().int().min(0) }),
  ])
  .superRefine((c, ctx) => {
    const k = "reached" in c ? c.reached : c.droppedAfter;
    const key = "reached" in c ? "reached" : "droppedAfter";
    if (k >= c.funnel.steps.length) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `step ${k} does not exist (the funnel has ${c.funnel.steps.length} steps, 0-based)`,
      });
    }
    if (key === "droppedAfter" && k >= c.funnel.steps.length - 1) {
      ctx.addIssue({ code: "custom", path: [key], message: "nobody can drop after the last step" });
    }
  });

export const Segment: z.ZodType<Segment> = keyedUnion<Segment>(
  {
    all: z.strictObject({ all: z.array(lazySegment) }),
    any: z.strictObject({ any: z.array(lazySegment) }),
    not: z.strictObject({ not: lazySegment }),
    performed: z.strictObject({
      performed: EventMatcher,
      count: Compare.optional(),
      within: Range.optional(),
    }),
    attribute: z.strictObject({ attribute: Filter }),
    firstSeen: z.strictObject({ firstSeen: Range }),
    lastSeen: z.strictObject({ lastSeen: Range }),
    sequence: z.strictObject({
      sequence: z.array(EventMatcher).min(1),
      window: Duration,
      within: Range.optional(),
    }),
    aggregate: z.strictObject({
      aggregate: EventMatcher,
      property: z.string().min(1),
      fn: z.enum(["sum", "avg", "min", "max", "countDistinct"]),
      compare: Compare,
      within: Range.optional(),
    }),
    inSegment: z.strictObject({ inSegment: z.string().min(1) }),
    rfm: z.strictObject({ rfm: z.array(RfmGroupName).min(1), query: z.lazy(() => RfmQuery) }),
    funnel: funnelCondition,
    retention: z.strictObject({
      retention: z.lazy(() => RetentionQuery),
      cohort: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a cohort start date YYYY-MM-DD"),
      returnedIn: z.number().int().min(0).optional(),
    }),
    paths: z.strictObject({
      paths: z.lazy(() => PathsQuery),
      step: z.number().int().min(0).max(9),
      event: z.string().min(1),
      to: z.string().min(1).optional(),
    }),
    segmentFlow: z.strictObject({
      segmentFlow: z.lazy(() => SegmentFlowQuery),
      at: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD"),
      state: z.string().min(1),
      next: z.string().min(1).optional(),
    }),
  },
  "segment condition",
);
