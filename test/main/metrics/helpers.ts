import fc from "fast-check";
import { expect } from "vitest";
import { openTimeline } from "../../../src-main/engine/columns/index.ts";
import { makeContext } from "../../../src-main/engine/context.ts";
import type { MetricContext } from "../../../src-main/engine/metrics/context.ts";
import { engineMetricContext } from "../../../src-main/engine/metrics/engine.ts";
import { type MetricKind, runMetric } from "../../../src-main/engine/metrics/index.ts";
import { readSettings } from "../../../src-main/engine/read-settings.ts";
import { isQueryOf, Query, type QueryOf, type ResultOf } from "../../../src-preload/contract/query-kinds.ts";
import { ON_CLICKHOUSE } from "../../helpers/clickhouse-query.ts";
import { type JourneySpec, type Journeys, journeys } from "../../helpers/journeys.ts";
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
 * The property the query workers' float sums rest on: for random workspaces cut into three slices
 * anywhere (any of them empty), asked as the workers ask (a slice after the first keeps what the join
 * adds in user order), the joined shares are the one-thread answer to the last bit.
 */
export async function joinsLikeOneThread<P, R>(
  workspaces: fc.Arbitrary<JourneySpec>,
  kind: {
    whole: (ctx: MetricContext) => Promise<R>;
    part: (ctx: MetricContext, from: number, to: number, keep: boolean) => Promise<P>;
    join: (parts: P[]) => R;
  },
  numRuns: number,
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(workspaces, fc.nat(), fc.nat(), async (spec, a, b) => {
      const j = journeys(spec);
      try {
        const ctx = testContext(j, {});
        const n = ctx.timeline.nUsers;
        const [cut1, cut2] = [a % (n + 1), b % (n + 1)].sort((x, y) => x - y) as [number, number];
        const parts = [
          await kind.part(ctx, 0, cut1, false),
          await kind.part(ctx, cut1, cut2, true),
          await kind.part(ctx, cut2, n, true),
        ];
        expect(kind.join(parts)).toEqual(await kind.whole(ctx));
      } finally {
        j.close();
      }
    }),
    { numRuns },
  );
}
