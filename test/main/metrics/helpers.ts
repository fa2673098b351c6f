import { openTimeline } from "../../../src-main/engine/columns/index.ts";
import { makeContext, readSettings } from "../../../src-main/engine/context.ts";
import type { MetricContext } from "../../../src-main/engine/metrics/context.ts";
import { engineMetricContext } from "../../../src-main/engine/metrics/engine.ts";
import { runMetric } from "../../../src-main/engine/metrics/index.ts";
import type { MetricQuery } from "../../../src-preload/contract/metric-queries.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import type { QueryResults } from "../../../src-preload/contract/results.ts";
import type { RfmQuery } from "../../../src-preload/contract/rfm.ts";
import type { Journeys } from "../../helpers/journeys.ts";

// Runs a metric query on a journeys workspace the way the engine does: validated by the contract,
// then runMetric with the engine's context (its filters, segment evaluator and nested runner) over a
// fresh timeline.

export function testContext(
  j: Journeys,
  q: { timezone?: string; weekStart?: "monday" | "sunday" },
): MetricContext {
  const tl = openTimeline(j.ws.db);
  return engineMetricContext(makeContext(tl, j.ws.db, readSettings(j.ws.db), q));
}

export async function run<Q extends MetricQuery | RfmQuery>(
  j: Journeys,
  query: Q,
): Promise<QueryResults[Q["kind"]]> {
  const parsed = Query.parse(query) as Q;
  return runMetric(parsed, testContext(j, parsed as { timezone?: string }));
}

export const fixed = (date: string) => ({ asOf: { mode: "fixed" as const, date } });
