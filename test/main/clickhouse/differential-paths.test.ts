import fc from "fast-check";
import { it } from "vitest";
import { describeDifferential, withLegs } from "../../helpers/differential.ts";
import { logArb } from "./arbitraries.ts";
import { pathsQueryArb } from "./arbitraries-paths.ts";

// Paths and segment flow (and the segment conditions that click into them) on the cluster must
// give the local engine's JSON: random logs pushed to the real 2-shard cluster (ClickHouse 18.16)
// and to chDB (current ClickHouse in-process), times random queries of arbitraries-paths.ts:
// three identical JSON answers. STRATA_CH_LOGS / STRATA_CH_QUERIES / STRATA_CHDB_QUERIES / STRATA_CH_SEED
// as in differential.test.ts (smaller defaults here).

const LOGS = Number(process.env.STRATA_CH_LOGS ?? 2);
const QUERIES = Number(process.env.STRATA_CH_QUERIES ?? 36);
// chDB answers the first of them too (in-process it takes seconds per query on a loaded 2-core CI)
const CHDB_QUERIES = Number(process.env.STRATA_CHDB_QUERIES ?? 12);

describeDifferential("paths and segment flow", (dbs) => {
  const logs = fc.sample(logArb, { numRuns: LOGS, seed: Number(process.env.STRATA_CH_SEED ?? 3) });
  logs.forEach((log, i) => {
    it(`log ${i}: ${QUERIES} random queries give identical JSON`, async () => {
      const o = { dbs, prefix: "diffpaths", batch: 7, clusterUpTo: QUERIES, chdbUpTo: CHDB_QUERIES };
      await withLegs(log, o, async (agree) => {
        const queries = fc.sample(pathsQueryArb, { numRuns: QUERIES, seed: 2000 + i });
        for (const [n, raw] of queries.entries()) await agree(raw, n);
      });
    }, 600_000);
  });
});
