import type { QueryKind, QueryOf, ResultOf } from "../../src-preload/contract/query-kinds.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";
import type { EngineContext } from "./context.ts";
import { type ExactKindTable, exact, type KindRunner } from "./kind-table.ts";
import { memberRows } from "./members.ts";
import type { MetricKind } from "./metrics/index.ts";
import { evalSegment } from "./segment.ts";

// The local engine's function for every registered query kind. The type makes the table complete: a
// kind added to the contract's registry fails to compile here until it has its engine function.
// Each kind's module loads on its first query (cached by the module system after): a one-shot CLI
// query or a query worker's start loads only what it runs (a segment count: 27 engine modules, was 60).

function countMembers(members: Uint8Array): number {
  let n = 0;
  for (let u = 0; u < members.length; u++) n += members[u] ?? 0;
  return n;
}

async function usersOf(ctx: EngineContext, segment: Segment | undefined): Promise<Uint8Array | null> {
  return segment === undefined ? null : evalSegment(ctx, segment);
}

/**
 * A metric kind (issue 5) or rfm, run by the metrics module loaded on first use: a one-shot CLI
 * query of the spec kinds does not pay for importing it.
 */
function metric<K extends MetricKind>(kind: K): { support: "exact"; run: KindRunner<K, EngineContext> } {
  return exact(async (ctx, query) => {
    const metrics = await import("./metrics/engine.ts");
    return metrics.metricKinds[kind](query, metrics.engineMetricContext(ctx));
  });
}

export const localKinds: ExactKindTable<EngineContext> = {
  segmentCount: exact(async (ctx, q) => ({
    users: countMembers(await evalSegment(ctx, q.segment)),
    ofTotal: ctx.tl.nUsers,
  })),
  segmentMembers: exact(async (ctx, q) => memberRows(ctx, q, await evalSegment(ctx, q.segment))),
  funnel: exact(async (ctx, q) =>
    (await import("./funnel/result.ts")).runFunnel(ctx, q, await usersOf(ctx, q.segment)),
  ),
  retention: exact(async (ctx, q) => {
    const [{ runRetention }, { retentionCurve }] = await Promise.all([
      import("./retention.ts"),
      import("./retention-curve.ts"),
    ]);
    const { cohorts } = runRetention(ctx, q, await usersOf(ctx, q.segment));
    return { cohorts, curve: retentionCurve(cohorts, q.periods) };
  }),
  lifecycle: exact(async (ctx, q) =>
    (await import("./lifecycle.ts")).runLifecycle(ctx, q, await usersOf(ctx, q.segment)),
  ),
  stickiness: exact(async (ctx, q) =>
    (await import("./stickiness.ts")).runStickiness(ctx, q, await usersOf(ctx, q.segment)),
  ),
  rfm: metric("rfm"),
  paths: exact(async (ctx, q) =>
    (await import("./paths/run-paths.ts")).runPaths(ctx, q, await usersOf(ctx, q.segment)),
  ),
  segmentFlow: exact(async (ctx, q) =>
    (await import("./segment-flow/run-segment-flow.ts")).runSegmentFlow(ctx, q),
  ),
  activeUsers: metric("activeUsers"),
  churn: metric("churn"),
  featureAdoption: metric("featureAdoption"),
  sessions: metric("sessions"),
  activityHeatmap: metric("activityHeatmap"),
  acquisition: metric("acquisition"),
  revenue: metric("revenue"),
  surveyScores: metric("surveyScores"),
  messageEngagement: metric("messageEngagement"),
  compare: metric("compare"),
  trends: exact(async (ctx, q) =>
    (await import("./trends/run-trends.ts")).runTrends(ctx, q, await usersOf(ctx, q.segment)),
  ),
  // issue 17, loaded on first use like the metric kinds
  propensity: exact(async (ctx, q) => (await import("./propensity/run-propensity.ts")).runPropensity(ctx, q)),
  bestSendTime: exact(async (ctx, q) =>
    (await import("./send-time/run-best-send-time.ts")).runBestSendTime(
      ctx,
      q,
      await usersOf(ctx, q.segment),
    ),
  ),
  userColumns: exact(async (ctx, q) =>
    (await import("./propensity/user-columns.ts")).runUserColumns(ctx, q, await evalSegment(ctx, q.segment)),
  ),
};

/** Runs one validated query, whole, against a context made for it. */
export function runKind<K extends QueryKind>(ctx: EngineContext, query: QueryOf<K>): Promise<ResultOf<K>> {
  return localKinds[query.kind].run(ctx, query);
}
