import type { Query } from "../../src-preload/contract/queries.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";
import type { EngineContext } from "./context.ts";
import { runFunnel } from "./funnel/run.ts";
import { runLifecycle } from "./lifecycle.ts";
import { memberRows } from "./members.ts";
import { runRetention } from "./retention.ts";
import { evalSegment } from "./segment.ts";
import { runStickiness } from "./stickiness.ts";
import { runTrends } from "./trends/run.ts";

function count(m: Uint8Array): number {
  let n = 0;
  for (let u = 0; u < m.length; u++) n += m[u] as number;
  return n;
}

async function usersOf(ctx: EngineContext, seg: Segment | undefined): Promise<Uint8Array | null> {
  return seg === undefined ? null : evalSegment(ctx, seg);
}

/** Runs one validated query of the spec kinds against a context made for it. */
export async function runSpecQuery(ctx: EngineContext, q: Query): Promise<unknown> {
  switch (q.kind) {
    case "segmentCount": {
      const m = await evalSegment(ctx, q.segment);
      return { users: count(m), ofTotal: ctx.tl.nUsers };
    }
    case "segmentMembers":
      return memberRows(ctx, q, await evalSegment(ctx, q.segment));
    case "funnel":
      return runFunnel(ctx, q, await usersOf(ctx, q.segment));
    case "retention":
      return runRetention(ctx, q, await usersOf(ctx, q.segment));
    case "lifecycle":
      return runLifecycle(ctx, q, await usersOf(ctx, q.segment));
    case "stickiness":
      return runStickiness(ctx, q, await usersOf(ctx, q.segment));
    case "trends":
      return runTrends(ctx, q, await usersOf(ctx, q.segment));
    default:
      // rfm and the metric kinds (issue 5), loaded on first use: a one-shot CLI query of the spec
      // kinds does not pay for importing them
      return (await import("./metrics/engine.ts")).runMetricQuery(ctx, q);
  }
}
