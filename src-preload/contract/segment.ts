import { z } from "zod";
import { Compare, Duration, EventMatcher, Filter, Range } from "./common.ts";
import { keyedUnion } from "./keyed-union.ts";
import { PropensityQuery } from "./predict.ts";
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
  | { propensity: PropensityQuery; score: Compare }
  | { propensity: PropensityQuery; topPercent: number };

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
    propensity: z.union([
      z.strictObject({ propensity: z.lazy(() => PropensityQuery), score: Compare }),
      z.strictObject({ propensity: z.lazy(() => PropensityQuery), topPercent: z.number().gt(0).max(100) }),
    ]),
  },
  "segment condition",
);
