import { z } from "zod";
import {
  Compare,
  DateString,
  Duration,
  EventMatcher,
  Filter,
  Interval,
  Range,
  Timezone,
  WeekStart,
} from "./common.ts";
import { jsonDepth } from "./json-depth.ts";
import { keyedUnion } from "./keyed-union.ts";
import { RFM_GROUPS, type RfmGroupName } from "./rfm-groups.ts";

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
    /**
     * issue 15: event properties every step of an attempt must share, fixed by its first-step
     * event (Mixpanel/Amplitude "holding constant"); see resources/docs/queries.md
     */
    holdConstant: z.array(z.string().min(1)).min(1).max(3).optional(),
    /** issue 15: 0-based indexes of steps a user may skip (never the first or the last step) */
    optionalSteps: z.array(z.number().int().min(0)).min(1).optional(),
  })
  .superRefine((funnel, ctx) => {
    const stepCount = funnel.steps.length;
    const hold = funnel.holdConstant ?? [];
    hold.forEach((p, i) => {
      if (p === "$hour" || p === "$weekday")
        ctx.addIssue({
          code: "custom",
          path: ["holdConstant", i],
          message: `${p} is computed from the event's time, not a stored property, and cannot be held constant`,
        });
      else if (hold.indexOf(p) !== i)
        ctx.addIssue({ code: "custom", path: ["holdConstant", i], message: `${p} is named twice` });
    });
    const optional = new Set(funnel.optionalSteps ?? []);
    (funnel.optionalSteps ?? []).forEach((k, i) => {
      if (!(k > 0 && k < stepCount - 1))
        ctx.addIssue({
          code: "custom",
          path: ["optionalSteps", i],
          message: `step ${k} cannot be optional: only steps 1 to ${stepCount - 2} can (never the first or the last)`,
        });
      else if ((funnel.optionalSteps ?? []).indexOf(k) !== i)
        ctx.addIssue({ code: "custom", path: ["optionalSteps", i], message: `step ${k} is named twice` });
    });
    if (optional.size > 0 && (funnel.order ?? "ordered") !== "ordered")
      ctx.addIssue({
        code: "custom",
        path: ["optionalSteps"],
        message: `optional steps need an ordered funnel (got order "${funnel.order}")`,
      });
    (funnel.exclusions ?? []).forEach((ex, i) => {
      if (!(ex.fromStep < ex.toStep && ex.toStep < stepCount)) {
        ctx.addIssue({
          code: "custom",
          path: ["exclusions", i],
          message: `needs 0 <= fromStep < toStep < ${stepCount} (got fromStep ${ex.fromStep}, toStep ${ex.toStep})`,
        });
      } else if (funnel.order === "unordered" && (ex.fromStep !== 0 || ex.toStep !== stepCount - 1)) {
        ctx.addIssue({
          code: "custom",
          path: ["exclusions", i],
          message: `exclusions of an unordered funnel must span the whole funnel (fromStep 0, toStep ${stepCount - 1})`,
        });
      } else if (optional.has(ex.fromStep) || optional.has(ex.toStep)) {
        ctx.addIssue({
          code: "custom",
          path: ["exclusions", i],
          message: `fromStep and toStep must be required steps (step ${optional.has(ex.fromStep) ? ex.fromStep : ex.toStep} is optional)`,
        });
      }
    });
    const att = funnel.breakdown?.attribution;
    if (att && typeof att === "object" && att.step >= stepCount) {
      ctx.addIssue({
        code: "custom",
        path: ["breakdown", "attribution", "step"],
        message: `step ${att.step} does not exist (the funnel has ${stepCount} steps, 0-based)`,
      });
    } else if (att && typeof att === "object" && optional.has(att.step)) {
      ctx.addIssue({
        code: "custom",
        path: ["breakdown", "attribution", "step"],
        message: `step ${att.step} is optional; attribute to a required step`,
      });
    }
  });
export type FunnelQuery = z.infer<typeof FunnelQuery>;

/** issue 15: retention also takes hours (local clock hours, as trends' hour buckets) */
export const RetentionInterval = z.enum(["hour", ...Interval.options]);
export type RetentionInterval = z.infer<typeof RetentionInterval>;

export const RetentionQuery = z.strictObject({
  kind: z.literal("retention"),
  target: EventMatcher,
  return: EventMatcher,
  interval: RetentionInterval,
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

// Paths and segment flow (spec/queries.md, v1.1). They nest a segment, and a segment can hold them
// (the users of one node or band of their charts), so they live here too.
export const PathsQuery = z
  .strictObject({
    kind: z.literal("paths"),
    start: EventMatcher.optional(),
    end: EventMatcher.optional(),
    depth: z.number().int().min(2).max(10).optional(),
    range: Range,
    timezone: Timezone.optional(),
    where,
    segment: nestedSegment.optional(),
    sessionGap: Duration.optional(),
    collapseRepeats: z.boolean().optional(),
    hide: z.array(z.string().min(1)).optional(),
    limit: z.number().int().min(1).max(50).optional(),
  })
  .refine((q) => q.start === undefined || q.end === undefined, {
    message: "give at most one of start and end",
    path: ["end"],
  });
export type PathsQuery = z.infer<typeof PathsQuery>;

export const FlowState = z.strictObject({
  label: z.string().min(1).max(200),
  segment: nestedSegment,
});
export type FlowState = z.infer<typeof FlowState>;

export const SegmentFlowQuery = z
  .strictObject({
    kind: z.literal("segmentFlow"),
    states: z.array(FlowState).min(1, "give 1 to 12 states").max(12, "give 1 to 12 states"),
    at: z.union([
      z.array(DateString).min(2, "give 2 to 24 dates").max(24, "give 2 to 24 dates"),
      z.strictObject({ every: z.enum(["day", "week", "month"]), range: Range }),
    ]),
    timezone: Timezone.optional(),
    weekStart: WeekStart.optional(),
    segment: nestedSegment.optional(),
  })
  .superRefine((q, ctx) => {
    if (Array.isArray(q.at)) {
      for (let i = 1; i < q.at.length; i++) {
        const at = q.at[i];
        const before = q.at[i - 1];
        if (at !== undefined && before !== undefined && at <= before)
          ctx.addIssue({ code: "custom", path: ["at", i], message: "dates must be increasing" });
      }
    }
    const labels = new Set<string>();
    q.states.forEach((s, i) => {
      if (s.label === "$none" || s.label === "$notYet" || labels.has(s.label))
        ctx.addIssue({
          code: "custom",
          path: ["states", i, "label"],
          message: `label "${s.label}" is taken (labels are unique; $none and $notYet are reserved)`,
        });
      labels.add(s.label);
    });
  });
export type SegmentFlowQuery = z.infer<typeof SegmentFlowQuery>;
const DAY_MS = 86_400_000;
const UNIT_MS = { second: 1000, minute: 60_000, hour: 3_600_000, day: DAY_MS, week: 7 * DAY_MS };

export function durationMsOf(d: { value: number; unit: keyof typeof UNIT_MS }): number {
  return d.value * UNIT_MS[d.unit];
}

// Propensity (spec v1.1): who is likely to do `target` within `horizon` (issue 17; predict.ts holds
// its result and the other predictive kinds). Here because a segment condition holds it.
export const PropensityQuery = z.strictObject({
  kind: z.literal("propensity"),
  target: EventMatcher,
  horizon: Duration.refine((d) => durationMsOf(d) >= DAY_MS && durationMsOf(d) <= 90 * DAY_MS, {
    message: "the horizon must be from 1 to 90 days",
  }),
  /** the numeric event property summed as the revenue feature; default: the first of revenue, amount, price, value, total present */
  revenueProperty: z.string().min(1).optional(),
  timezone: Timezone.optional(),
  segment: nestedSegment.optional(),
});
export type PropensityQuery = z.infer<typeof PropensityQuery>;

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
  | { retention: RetentionQuery; cohort: string; returnedIn?: number }
  | PathsCondition
  | FlowCondition
  | { propensity: PropensityQuery; score: Compare }
  | { propensity: PropensityQuery; topPercent: number };

/** Users counted in one node (or, with `to`, one link) of a paths answer (see resources/docs/queries.md). */
export type PathsCondition = { paths: PathsQuery; step: number; event: string; to?: string };
/** Users in `state` at date `at` of a segment flow (and, with `next`, in `next` at the following date). */
export type FlowCondition = { segmentFlow: SegmentFlowQuery; at: string; state: string; next?: string };

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
    rfm: z.strictObject({ rfm: z.array(z.enum(RFM_GROUPS)).min(1), query: RfmQuery }),
    funnel: funnelCondition,
    retention: z.strictObject({
      retention: RetentionQuery,
      cohort: z
        .string()
        .regex(
          /^\d{4}-\d{2}-\d{2}(T\d{2}:00)?$/,
          "expected a cohort start date YYYY-MM-DD (or an hour YYYY-MM-DDTHH:00)",
        ),
      returnedIn: z.number().int().min(0).optional(),
    }),
    paths: z.strictObject({
      paths: PathsQuery,
      step: z.number().int().min(0).max(9),
      event: z.string().min(1),
      to: z.string().min(1).optional(),
    }),
    segmentFlow: z.strictObject({
      segmentFlow: SegmentFlowQuery,
      at: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD"),
      state: z.string().min(1),
      next: z.string().min(1).optional(),
    }),
    propensity: z.union([
      z.strictObject({ propensity: PropensityQuery, score: Compare }),
      z.strictObject({ propensity: PropensityQuery, topPercent: z.number().gt(0).max(100) }),
    ]),
  },
  "segment condition",
);

/** JSON nesting a segment may have (about 95 levels of all/any/not); 2,000 overflowed the stack. */
export const MAX_SEGMENT_JSON_DEPTH = 200;

export const Segment: z.ZodType<Segment> = z
  .unknown()
  .superRefine((value, ctx) => {
    if (jsonDepth(value, MAX_SEGMENT_JSON_DEPTH) > MAX_SEGMENT_JSON_DEPTH)
      ctx.addIssue({
        code: "custom",
        message: `the segment is nested deeper than ${MAX_SEGMENT_JSON_DEPTH} levels`,
        abort: true,
      });
  })
  // piped, not re-raised from a transform: a union's branches and an enum's choices reach the
  // message, which can then say what is allowed (count.op: must be one of "gte"|...)
  .pipe(SegmentTree) as unknown as z.ZodType<Segment>;
