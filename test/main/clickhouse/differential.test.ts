import fc from "fast-check";
import { it } from "vitest";
import { describeDifferential, withLegs } from "../../helpers/differential.ts";
import { logArb, queryArb } from "./arbitraries.ts";

// The cluster must give the local engine's JSON for every query it answers: random logs, pushed
// to the real 2-shard cluster (ClickHouse 18.16) and to chDB (current ClickHouse in-process, one
// server), times random queries of every supported kind: three identical JSON answers.

const LOGS = Number(process.env.STRATA_CH_LOGS ?? 3);
const QUERIES = Number(process.env.STRATA_CH_QUERIES ?? 40);
// chDB answers the first of them too (in-process it takes seconds per query on a loaded 2-core CI)
const CHDB_QUERIES = Number(process.env.STRATA_CHDB_QUERIES ?? 15);

describeDifferential(null, (dbs) => {
  const logs = fc.sample(logArb, { numRuns: LOGS, seed: Number(process.env.STRATA_CH_SEED ?? 19) });
  logs.forEach((log, i) => {
    it(`log ${i}: ${QUERIES} random queries give identical JSON`, async () => {
      const o = { dbs, prefix: "diff", batch: 7, clusterUpTo: QUERIES, chdbUpTo: CHDB_QUERIES };
      await withLegs(log, o, async (agree) => {
        const queries = fc.sample(queryArb, { numRuns: QUERIES, seed: 1000 + i });
        for (const [n, raw] of queries.entries()) await agree(raw, n);
      });
    }, 600_000);
  });
});
