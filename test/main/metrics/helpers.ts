import { openTimeline } from "../../../src-main/engine/columns/index.ts";
import { makeContext, readSettings } from "../../../src-main/engine/context.ts";
import type { MetricContext } from "../../../src-main/engine/metrics/context.ts";
import { engineMetricContext } from "../../../src-main/engine/metrics/engine.ts";
import type { MetricKind } from "../../../src-main/engine/metrics/index.ts";
import type { QueryOf, ResultOf } from "../../../src-preload/contract/query-kinds.ts";
import type { Journeys } from "../../helpers/journeys.ts";
import { runQuery } from "../engine/run-query.ts";

// Runs a metric query on a journeys workspace the way the app does (runQuery: validated by the
// contract, then the engine; on the cluster too with STRATA_QUERY_ON=clickhouse); testContext is
// the engine's metric context (its filters, segment evaluator and nested runner) over a fresh
// timeline, for tests that call a kind's internals.

export function testContext(
  j: Journeys,
  q: { timezone?: string; weekStart?: "monday" | "sunday" },
): MetricContext {
  const tl = openTimeline(j.ws.db);
  return engineMetricContext(makeContext(tl, j.ws.db, readSettings(j.ws.db), q));
}

/**
 * Validated and run as the app runs it (test/main/engine/run-query.ts): in-process, or with
 * STRATA_QUERY_ON=clickhouse on the cluster as well, checked against the local answer.
 */
export async function run<K extends MetricKind>(j: Journeys, query: QueryOf<K>): Promise<ResultOf<K>> {
  return runQuery<ResultOf<K>>(j, query);
}

export const fixed = (date: string) => ({ asOf: { mode: "fixed" as const, date } });
