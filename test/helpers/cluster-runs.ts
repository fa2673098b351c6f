import { ON_CLICKHOUSE } from "./clickhouse-query.ts";

/**
 * A property test's number of runs: each run on the cluster pushes a fresh workspace (about a
 * second), so with STRATA_QUERY_ON=clickhouse it is capped (STRATA_CH_PROPERTY_RUNS, default 6);
 * the local runs stay as the test asks.
 */
export function propertyRuns(n: number): number {
  if (!ON_CLICKHOUSE) return n;
  return Math.min(n, Number(process.env.STRATA_CH_PROPERTY_RUNS ?? 6));
}
