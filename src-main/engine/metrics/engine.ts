import type { MetricQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { Query } from "../../../src-preload/contract/queries.ts";
import type { RfmQuery } from "../../../src-preload/contract/rfm.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { type EngineContext, withQuery } from "../context.ts";
import { rfmMembers } from "../rfm.ts";
import { runSpecQuery } from "../run.ts";
import { evalSegment } from "../segment.ts";
import { type MetricContext, metricContext } from "./context.ts";
import { runMetric } from "./index.ts";

// The seam between the engine and the metric kinds: the engine's run() calls runMetricQuery for every
// metric kind (and rfm), its segment evaluator calls rfmConditionMembers for {"rfm": [...], "query"}.
// Imports of run.ts and segment.ts are only used at call time, so the module cycle is harmless.

export function engineMetricContext(e: EngineContext): MetricContext {
  return metricContext(e, {
    segmentUsers: (s: Segment) => evalSegment(e, s),
    run: (q: Query) =>
      runSpecQuery(withQuery(e, q as { timezone?: string; weekStart?: "monday" | "sunday" }), q),
  });
}

export function runMetricQuery(e: EngineContext, q: MetricQuery | RfmQuery): Promise<unknown> {
  return runMetric(q, engineMetricContext(e));
}

export function rfmConditionMembers(
  e: EngineContext,
  seg: Extract<Segment, { rfm: unknown }>,
): Promise<Uint8Array> {
  return rfmMembers(seg.rfm, seg.query, engineMetricContext(withQuery(e, seg.query)));
}
