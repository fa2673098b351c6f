import type { FunnelQuery } from "../../../src-preload/contract/queries.ts";
import { durationMs } from "../calendar.ts";
import type { PropColumn } from "../columns/types.ts";
import { type EngineContext, rangeMs } from "../context.ts";
import {
  type CompiledMatcher,
  compileFilters,
  compileMatcher,
  type EventPredicate,
  matcherPredicate,
} from "../filters.ts";

/** An optional step, judged after the required steps' attempt is chosen (see optional.ts). */
export interface OptionalStep {
  /** its index among the query's steps */
  k: number;
  is: EventPredicate;
  /** the required steps around it, as indexes into the plan's steps */
  prev: number;
  next: number;
}

/** A funnel query compiled against the timeline. */
export interface FunnelPlan {
  /** required steps: an attempt is a choice of events for these (all the query's steps by default) */
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
  /** the query's index of each required step */
  required: number[];
  optional: OptionalStep[];
  /** holdConstant: the columns every step event of an attempt must agree on */
  hold: PropColumn[];
}

export const DEFAULT_WINDOW = { value: 14, unit: "day" } as const;

/** `bounds` replaces the range (a sequence condition without `within` reads all time). */
export function planFunnel(ctx: EngineContext, query: FunnelQuery, bounds?: [number, number]): FunnelPlan {
  const [start, end] = bounds ?? rangeMs(ctx, query.range);
  const skip = new Set(query.optionalSteps ?? []);
  const required = query.steps.map((_, k) => k).filter((k) => !skip.has(k));
  // exclusions name required steps (the contract refuses others): renumbered to the plan's steps
  const at = (k: number) => required.indexOf(k);
  const compile = (m: FunnelQuery["steps"][number]) => compileMatcher(ctx, m, undefined);
  return {
    n: required.length,
    order: query.order ?? "ordered",
    windowMs: durationMs(query.window ?? DEFAULT_WINDOW),
    start,
    end,
    steps: query.steps.filter((_, k) => !skip.has(k)).map(compile),
    where: compileFilters(ctx, query.where ?? []),
    exclusions: (query.exclusions ?? []).map((e) => ({
      m: compile(e.event),
      from: at(e.fromStep),
      to: at(e.toStep),
    })),
    required,
    optional: query.steps.flatMap((m, k) => {
      if (!skip.has(k)) return [];
      const next = required.findIndex((r) => r > k);
      return [{ k, is: matcherPredicate(ctx.tl, compile(m)), prev: next - 1, next }];
    }),
    hold: (query.holdConstant ?? []).map((p) => ctx.tl.propColumn(p)),
  };
}
