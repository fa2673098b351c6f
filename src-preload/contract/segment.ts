import { z } from "zod";
import { Compare, Duration, EventMatcher, Filter, Interval, Range, Timezone, WeekStart } from "./common.ts";
import { jsonDepth } from "./json-depth.ts";
import { keyedUnion } from "./keyed-union.ts";
import { RfmGroupName } from "./rfm-groups.ts";

// The recursive segment model of spec/queries.md, in one module: a segment can hold a funnel, a
// retention or an RFM query (users who reached step 2, who returned in week 3, the "champions"), and
// each of those queries can be narrowed by a segment. Every other contract module imports these from
// here, so no module cycle remains; the one z.lazy below is the recursion itself.

/** The segment tree's own schema, for the queries defined before it that nest a segment. */
const nestedSegment: z.ZodType<Segment> = z.lazy(() => Segment);
const where = z.array(Filter).optional();

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
    segment: nestedSegment.optional(),
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
  segment: nestedSegment.optional(),
  /**
   * issue 15: custom brackets of periods after the cohort's (day 1, days 2-7, days 8-30 as
   * {from: 1, to: 1}, {from: 2, to: 7}, {from: 8, to: 30}); see resources/docs/queries.md
   */
  brackets: z
    .array(
      z
        .strictObject({ from: z.number().int().min(1).max(1000), to: z.number().int().min(1).max(1000) })
        .refine((b) => b.from <= b.to, { message: "a bracket needs from <= to", path: ["to"] }),
    )
    .min(1)
    .max(20)
    .optional(),
});
export type RetentionQuery = z.infer<typeof RetentionQuery>;

// RFM over one event (usually purchase) with an optional monetary property, in a range.
export const RfmQuery = z.strictObject({
  kind: z.literal("rfm"),
  event: EventMatcher,
  monetary: z.string().min(1).optional(),
  /** count distinct values of this property (e.g. an invoice id) as the frequency, instead of events */
  frequencyDistinct: z.string().min(1).optional(),
  range: Range,
  timezone: Timezone.optional(),
  where,
  segment: nestedSegment.optional(),
});
export type RfmQuery = z.infer<typeof RfmQuery>;

// The segment tree. Recursive, so its TypeScript type is written once here by hand and the schema is
// checked against it.
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
  | { retention: RetentionQuery; cohort: string; returnedIn?: number };

export type Segment = { all: Segment[] } | { any: Segment[] } | { not: Segment } | Condition;

const funnelCondition = z
  .union([
    z.strictObject({ funnel: FunnelQuery, reached: z.number().int().min(0) }),
    z.strictObject({ funnel: FunnelQuery, droppedAfter: z.number().int().min(0) }),
  ])
  .superRefine((c, ctx) => {
    const step = "reached" in c ? c.reached : c.droppedAfter;
    const key = "reached" in c ? "reached" : "droppedAfter";
    if (step >= c.funnel.steps.length) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `step ${step} does not exist (the funnel has ${c.funnel.steps.length} steps, 0-based)`,
      });
    }
    if (key === "droppedAfter" && step >= c.funnel.steps.length - 1) {
      ctx.addIssue({ code: "custom", path: [key], message: "nobody can drop after the last step" });
    }
  });

const SegmentTree: z.ZodType<Segment> = keyedUnion<Segment>(
  {
    all: z.strictObject({ all: z.array(nestedSegment) }),
    any: z.strictObject({ any: z.array(nestedSegment) }),
    not: z.strictObject({ not: nestedSegment }),
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
    rfm: z.strictObject({ rfm: z.array(RfmGroupName).min(1), query: RfmQuery }),
    funnel: funnelCondition,
    retention: z.strictObject({
      retention: RetentionQuery,
      cohort: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a cohort start date YYYY-MM-DD"),
      returnedIn: z.number().int().min(0).optional(),
    }),
  },
  "segment condition",
);

/** JSON nesting a segment may have (about 95 levels of all/any/not); 2,000 overflowed the stack. */
export const MAX_SEGMENT_JSON_DEPTH = 200;

export const Segment: z.ZodType<Segment> = z.unknown().transform((value, ctx) => {
  if (jsonDepth(value, MAX_SEGMENT_JSON_DEPTH) > MAX_SEGMENT_JSON_DEPTH) {
    ctx.addIssue({
      code: "custom",
      message: `the segment is nested deeper than ${MAX_SEGMENT_JSON_DEPTH} levels`,
    });
    return z.NEVER;
  }
  const parsed = SegmentTree.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    return z.NEVER;
  }
  return parsed.data;
}) as unknown as z.ZodType<Segment>;
