import type { RevenueQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { type EngineContext, withQuery } from "../context.ts";
import { runKind } from "../kinds.ts";
import { rfmMembers, rfmValues } from "../rfm.ts";
import { evalSegment } from "../segment.ts";
import { activeUsersCounts } from "./active-users.ts";
import { adoptionCounts } from "./adoption.ts";
import { churnCounts } from "./churn.ts";
import { type MetricContext, metricContext } from "./context.ts";
import { activityHeatmap } from "./heatmap.ts";
import { revenuePart } from "./revenue.ts";
import { sessionsPart } from "./sessions.ts";

export { metricKinds } from "./index.ts";

// The seam between the engine and the metric kinds: the engine's kind table runs every metric kind
// (and rfm) with engineMetricContext, its segment evaluator calls rfmConditionMembers for
// {"rfm": [...], "query"}. Imports of kinds.ts and segment.ts are only used at call time, so the module
// cycle is harmless.

export function engineMetricContext(e: EngineContext): MetricContext {
  return metricContext(e, {
    segmentUsers: (s: Segment) => evalSegment(e, s),
    run: (q) => runKind(withQuery(e, q), q),
  });
}

export function rfmConditionMembers(
  e: EngineContext,
  seg: Extract<Segment, { rfm: unknown }>,
): Promise<Uint8Array> {
  return rfmMembers(seg.rfm, seg.query, engineMetricContext(withQuery(e, seg.query)));
}

/**
 * A kind's share over a query worker's slice of users (ctx.u0..ctx.u1), run with the engine's metric
 * context; sliced-kinds.ts joins the slices' shares.
 */
function onSlice<Q, R>(
  share: (query: Q, ctx: MetricContext, from: number, to: number) => Promise<R>,
): (e: EngineContext, query: Q) => Promise<R> {
  return (e, query) => share(query, engineMetricContext(e), e.u0, e.u1);
}

/** The metric kinds the pool splits by users, each answering its slice's share. */
export const metricSlices = {
  activityHeatmap: onSlice(activityHeatmap),
  rfm: onSlice(rfmValues),
  activeUsers: onSlice(activeUsersCounts),
  churn: onSlice(churnCounts),
  featureAdoption: onSlice(adoptionCounts),
  sessions: onSlice(sessionsPart),
  // a slice after the first keeps its paying events, to be added to the sums before it in order
  revenue: onSlice((query: RevenueQuery, ctx, from, to) => revenuePart(query, ctx, from, to, from > 0)),
};
