import fc from "fast-check";
import { it } from "vitest";
import { describeDifferential, withLegs } from "../../helpers/differential.ts";
import { metricsLogArb, metricsQueryArbs } from "./arbitraries-metrics-b.ts";

// acquisition, surveyScores, messageEngagement, compare, rfm, bestSendTime and userColumns: random
// logs pushed to the real 2-shard cluster (ClickHouse 18.16) and to chDB (current ClickHouse), times
// random queries of each kind: the local engine's JSON, exactly, from all three.

// sized for CI on a loaded 2-core machine (about a minute); STRATA_CH_LOGS=2 STRATA_CH_QUERIES=25 catches
// planted boundary bugs (an excluded range end, a conversion window end) that these may miss
const LOGS = Number(process.env.STRATA_CH_LOGS ?? 1);
const PER_KIND = Number(process.env.STRATA_CH_QUERIES ?? 8);
const CHDB_PER_KIND = Number(process.env.STRATA_CHDB_QUERIES ?? 1);
const KINDS = (process.env.STRATA_CH_KINDS ?? Object.keys(metricsQueryArbs).join(",")).split(",");

describeDifferential("metric kinds (b)", (dbs) => {
  const logs = fc.sample(metricsLogArb, { numRuns: LOGS, seed: Number(process.env.STRATA_CH_SEED ?? 23) });
  logs.forEach((log, i) => {
    it(`log ${i}: ${PER_KIND} random queries of each of ${KINDS.join(", ")} give identical JSON`, async () => {
      const o = { dbs, prefix: "diffmb", batch: 11, clusterUpTo: PER_KIND, chdbUpTo: CHDB_PER_KIND };
      await withLegs(log, o, async (agree) => {
        for (const kind of KINDS) {
          const arb = metricsQueryArbs[kind];
          if (!arb) throw new Error(`STRATA_CH_KINDS: no arbitrary for ${kind}`);
          const queries = fc.sample(arb, { numRuns: PER_KIND, seed: 2000 + i });
          for (const [n, raw] of queries.entries()) await agree(raw, n);
        }
      });
    }, 600_000);
  });
});
