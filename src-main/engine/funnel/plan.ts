import type { FunnelQuery } from "../../../src-preload/contract/queries.ts";
import { durationMs } from "../calendar.ts";
import { type EngineContext, rangeMs } from "../context.ts";
import { type CompiledMatcher, compileFilters, compileMatcher, type EventPredicate } from "../filters.ts";

/** A funnel query compiled against the timeline. */
export interface FunnelPlan {
  n: number;
  order: "ordered" | "strict" | "unordered";
  windowMs: number;
  /** range instants [start, end) */
  start: number;
  end: number;
  steps: CompiledMatcher[];
  /** the query's where: events failing it are not read at all */
  where: EventPredicate | null;
  exclusions: { m: CompiledMatcher; from: number; to: number }[];
}

export const DEFAULT_WINDOW = { value: 14, unit: "day" } as const;

/** `bounds` replaces the range (a sequence condition without `within` reads all time). */
export function planFunnel(ctx: EngineContext, q: FunnelQuery, bounds?: [number, number]): FunnelPlan {
  const [start, end] = bounds ?? rangeMs(ctx, q.range);
  return {
    n: q.steps.length,
    order: q.order ?? "ordered",
    windowMs: durationMs(q.window ?? DEFAULT_WINDOW),
    start,
    end,
    steps: q.steps.map((s) => compileMatcher(ctx, s, undefined)),
    where: compileFilters(ctx, q.where ?? []),
    exclusions: (q.exclusions ?? []).map((e) => ({
      m: compileMatcher(ctx, e.event, undefined),
      from: e.fromStep,
      to: e.toStep,
    })),
  };
}
