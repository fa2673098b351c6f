import { openTimeline } from "../../../src-main/engine/columns/index.ts";
import { makeContext } from "../../../src-main/engine/context.ts";
import type { MetricContext } from "../../../src-main/engine/metrics/context.ts";
import { engineMetricContext } from "../../../src-main/engine/metrics/engine.ts";
import { type MetricKind, runMetric } from "../../../src-main/engine/metrics/index.ts";
import { readSettings } from "../../../src-main/engine/read-settings.ts";
import { isQueryOf, Query, type QueryOf, type ResultOf } from "../../../src-preload/contract/query-kinds.ts";
import { ON_CLICKHOUSE } from "../../helpers/clickhouse-query.ts";
import type { Journeys } from "../../helpers/journeys.ts";
import { runQuery } from "../engine/run-query.ts";

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

export async function run<K extends MetricKind>(j: Journeys, query: QueryOf<K>): Promise<ResultOf<K>> {
  const parsed = Query.parse(query);
  if (!isQueryOf(parsed, query.kind)) throw new Error(`parsing changed the kind of a ${query.kind} query`);
  // with STRATA_QUERY_ON=clickhouse, on the cluster too (checked against the local answer)
  if (ON_CLICKHOUSE) return runQuery<ResultOf<K>>(j, parsed);
  return runMetric(parsed, testContext(j, parsed));
}

export const fixed = (date: string) => ({ asOf: { mode: "fixed" as const, date } });

/**
 * A query's shares over three slices of `nUsers` users cut where two arbitrary numbers say (any slice
 * may be empty), asked as the query workers ask: a slice after the first keeps what the join adds in
 * user order.
 */
export async function threeSlices<P>(
  nUsers: number,
  cuts: [number, number],
  part: (from: number, to: number, keep: boolean) => Promise<P>,
): Promise<P[]> {
  const [cut1, cut2] = cuts.map((c) => c % (nUsers + 1)).sort((x, y) => x - y) as [number, number];
  return [await part(0, cut1, false), await part(cut1, cut2, true), await part(cut2, nUsers, true)];
}
