import { z } from "zod";
import { DateString, Duration, EventMatcher, Filter, Range, Timezone, WeekStart } from "./common.ts";
import { Segment } from "./segment.ts";

// Paths and segment flow (spec/queries.md, "Paths" and "Segment flow", added in v1.1).

export const PathsQuery = z
  .strictObject({
    kind: z.literal("paths"),
    start: EventMatcher.optional(),
    end: EventMatcher.optional(),
    depth: z.number().int().min(2).max(10).optional(),
    range: Range,
    timezone: Timezone.optional(),
    where: z.array(Filter).optional(),
    segment: z.lazy(() => Segment).optional(),
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

export interface PathsResult {
  direction: "forward" | "backward";
  nodes: { step: number; event: string; users: number }[];
  links: { step: number; from: string; to: string; users: number }[];
  dropOff: { step: number; event: string; users: number }[];
}

export const FlowState = z.strictObject({
  label: z.string().min(1).max(200),
  segment: z.lazy(() => Segment),
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
    segment: z.lazy(() => Segment).optional(),
  })
  .superRefine((q, ctx) => {
    if (Array.isArray(q.at)) {
      for (let i = 1; i < q.at.length; i++) {
        if ((q.at[i] as string) <= (q.at[i - 1] as string))
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

export interface SegmentFlowResult {
  states: string[];
  at: string[];
  counts: number[][];
  transitions: { from: string; to: string; matrix: number[][] }[];
}
