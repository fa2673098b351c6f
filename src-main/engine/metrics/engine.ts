import type { Segment } from "../../../src-preload/contract/segment.ts";
import { type EngineContext, withQuery } from "../context.ts";
import { runKind } from "../kinds.ts";
import { rfmMembers } from "../rfm.ts";
import { evalSegment } from "../segment.ts";
import { type MetricContext, metricContext } from "./context.ts";

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
