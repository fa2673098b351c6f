import type {
  ActiveUsersQuery,
  ActivityHeatmapQuery,
  ChurnQuery,
  FeatureAdoptionQuery,
} from "../../../src-preload/contract/metric-queries.ts";
import type { ActivityHeatmapResult } from "../../../src-preload/contract/metric-results.ts";
import type { RfmQuery } from "../../../src-preload/contract/rfm.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { type EngineContext, withQuery } from "../context.ts";
import { runKind } from "../kinds.ts";
import { rfmMembers, rfmValues } from "../rfm.ts";
import type { RfmValues } from "../rfm-scores.ts";
import { evalSegment } from "../segment.ts";
import { type ActiveUsersCounts, activeUsersCounts } from "./active-users.ts";
import { type AdoptionCounts, adoptionCounts } from "./adoption.ts";
import { type ChurnCounts, churnCounts } from "./churn.ts";
import { type MetricContext, metricContext } from "./context.ts";
import { activityHeatmap } from "./heatmap.ts";

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

/** A query worker's share of the heatmap: its slice of users' counts (sliced-kinds.ts adds them up). */
export function heatmapSlice(e: EngineContext, q: ActivityHeatmapQuery): Promise<ActivityHeatmapResult> {
  return activityHeatmap(q, engineMetricContext(e), e.u0, e.u1);
}

/** A query worker's share of rfm: its slice of users' raw values, scored once every slice is in. */
export function rfmSlice(e: EngineContext, q: RfmQuery): Promise<RfmValues> {
  return rfmValues(q, engineMetricContext(e), e.u0, e.u1);
}

/** A query worker's share of activeUsers: its slice of users' counts (sliced-kinds.ts adds them up). */
export function activeUsersSlice(e: EngineContext, q: ActiveUsersQuery): Promise<ActiveUsersCounts> {
  return activeUsersCounts(q, engineMetricContext(e), e.u0, e.u1);
}

/** A query worker's share of churn: its slice of users' counts per period (sliced-kinds.ts adds them up). */
export function churnSlice(e: EngineContext, q: ChurnQuery): Promise<ChurnCounts> {
  return churnCounts(q, engineMetricContext(e), e.u0, e.u1);
}

/** A query worker's share of featureAdoption: its slice of users' counts (sliced-kinds.ts adds them up). */
export function adoptionSlice(e: EngineContext, q: FeatureAdoptionQuery): Promise<AdoptionCounts> {
  return adoptionCounts(q, engineMetricContext(e), e.u0, e.u1);
}
