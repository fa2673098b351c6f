import type { Query } from "../../src-preload/contract/queries.ts";
import type {
  LifecycleResult,
  RetentionResult,
  StickinessResult,
} from "../../src-preload/contract/results.ts";
import type { EngineContext } from "./context.ts";
import { type FunnelPartial, finishFunnel, funnelPartial } from "./funnel/run.ts";
import { runLifecycle } from "./lifecycle.ts";
import { runRetention } from "./retention.ts";
import { evalSegment } from "./segment.ts";
import { runStickiness } from "./stickiness.ts";

// Kinds whose answer is a sum over users run on slices of users in parallel (one per worker) and are
// merged here. Everything else runs whole in one worker.

export type SplitQuery = Extract<
  Query,
  { kind: "segmentCount" | "funnel" | "retention" | "lifecycle" | "stickiness" }
>;

export function splittable(q: Query): q is SplitQuery {
  return ["segmentCount", "funnel", "retention", "lifecycle", "stickiness"].includes(q.kind);
}

/** The context's slice of users' share of the answer. */
export async function runPartial(ctx: EngineContext, q: SplitQuery): Promise<unknown> {
  const members =
    "segment" in q && q.segment !== undefined && q.kind !== "segmentCount"
      ? await evalSegment(ctx, q.segment)
      : null;
  switch (q.kind) {
    case "segmentCount": {
      const m = await evalSegment(ctx, q.segment);
      let n = 0;
      for (let u = ctx.u0; u < ctx.u1; u++) n += m[u] as number;
      return { users: n, ofTotal: ctx.tl.nUsers };
    }
    case "funnel":
      return funnelPartial(ctx, q, members);
    case "retention":
      return runRetention(ctx, q, members);
    case "lifecycle":
      return runLifecycle(ctx, q, members);
    case "stickiness":
      return runStickiness(ctx, { ...q, mode: "exact" }, members);
  }
}

function addInto(a: number[], b: readonly number[]): void {
  for (let i = 0; i < a.length; i++) a[i] = (a[i] as number) + (b[i] as number);
}

export function mergePartials(q: SplitQuery, parts: unknown[]): unknown {
  switch (q.kind) {
    case "segmentCount": {
      const ps = parts as { users: number; ofTotal: number }[];
      return { users: ps.reduce((s, p) => s + p.users, 0), ofTotal: ps[0]?.ofTotal ?? 0 };
    }
    case "funnel":
      return finishFunnel(q, parts as FunnelPartial[]);
    case "retention": {
      const [first, ...rest] = parts as RetentionResult[];
      if (!first) return { cohorts: [] };
      for (const p of rest) {
        first.cohorts.forEach((c, i) => {
          const o = p.cohorts[i];
          if (!o) return;
          c.size += o.size;
          addInto(c.values, o.values);
        });
      }
      return first;
    }
    case "lifecycle": {
      const [first, ...rest] = parts as LifecycleResult[];
      if (!first) return { periods: [] };
      for (const p of rest) {
        first.periods.forEach((x, i) => {
          const o = p.periods[i];
          if (!o) return;
          x.new += o.new;
          x.returning += o.returning;
          x.resurrecting += o.resurrecting;
          x.dormant += o.dormant;
        });
      }
      return first;
    }
    case "stickiness": {
      const [first, ...rest] = parts as StickinessResult[];
      if (!first) return { counts: [] };
      for (const p of rest) addInto(first.counts, p.counts);
      if ((q.mode ?? "exact") === "exact") return first;
      let run = 0;
      for (let k = first.counts.length - 1; k >= 0; k--) {
        run += first.counts[k] as number;
        first.counts[k] = run;
      }
      return first;
    }
  }
}
