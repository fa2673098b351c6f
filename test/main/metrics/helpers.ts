import { openTimeline } from "../../../src-main/engine/columns/index.ts";
import { makeContext, readSettings } from "../../../src-main/engine/context.ts";
import { compileOnColumn } from "../../../src-main/engine/filters.ts";
import { type MetricContext, metricContext } from "../../../src-main/engine/metrics/context.ts";
import { runMetric } from "../../../src-main/engine/metrics/index.ts";
import type { MetricQuery } from "../../../src-preload/contract/metric-queries.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import type { QueryResults } from "../../../src-preload/contract/results.ts";
import type { RfmQuery } from "../../../src-preload/contract/rfm.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import type { Journeys } from "../../helpers/journeys.ts";

// Runs a metric query on a journeys workspace the way the engine does: validated by the contract,
// then runMetric with a context over a fresh timeline. Segments here are user-attribute conditions
// (all the metric tests need); the engine's own evaluator is tested with the engine.

function attributeSegment(ctx: MetricContext, s: Segment): Uint8Array {
  const tl = ctx.timeline;
  if ("all" in s && s.all.length === 0) return new Uint8Array(tl.nUsers).fill(1);
  if (!("attribute" in s)) throw new Error("metric tests only use attribute segments");
  const pred = compileOnColumn(tl.userColumn(s.attribute.property), s.attribute);
  const out = new Uint8Array(tl.nUsers);
  for (let u = 0; u < tl.nUsers; u++) out[u] = pred(u) ? 1 : 0;
  return out;
}

export function testContext(
  j: Journeys,
  q: { timezone?: string; weekStart?: "monday" | "sunday" },
): MetricContext {
  const tl = openTimeline(j.ws.db);
  const e = makeContext(tl, j.ws.db, readSettings(j.ws.db), q);
  const ctx: MetricContext = metricContext(e, {
    segmentUsers: (s) => attributeSegment(ctx, s),
    run: () => Promise.reject(new Error("nested queries are not available in metric unit tests")),
  });
  return ctx;
}

export async function run<Q extends MetricQuery | RfmQuery>(
  j: Journeys,
  query: Q,
): Promise<QueryResults[Q["kind"]]> {
  const parsed = Query.parse(query) as Q;
  return runMetric(parsed, testContext(j, parsed as { timezone?: string }));
}

export const fixed = (date: string) => ({ asOf: { mode: "fixed" as const, date } });
