import fc from "fast-check";
import { it } from "vitest";
import { describeDifferential, withLegs } from "../../helpers/differential.ts";
import { fieldsLogArb, fieldsQueryArb } from "./arbitraries-funnel-fields.ts";

// Issue 15's funnel and retention options and the virtual properties on the cluster: random logs,
// pushed to the real 2-shard cluster (ClickHouse 18.16) and to chDB (current ClickHouse
// in-process, one server), times random queries with exclusions, holdConstant, optional steps,
// conversion over time, retention hours and brackets, as queries and inside segment conditions:
// three identical JSON answers (the same environment variables as differential.test.ts).

const LOGS = Number(process.env.STRATA_CH_LOGS ?? 2);
const QUERIES = Number(process.env.STRATA_CH_QUERIES ?? 12);
// chDB answers the first of them too (in-process it takes seconds per query on a loaded 2-core CI)
const CHDB_QUERIES = Number(process.env.STRATA_CHDB_QUERIES ?? 3);

describeDifferential("funnel and retention options", (dbs) => {
  const logs = fc.sample(fieldsLogArb, { numRuns: LOGS, seed: Number(process.env.STRATA_CH_SEED ?? 15) });
  logs.forEach((log, i) => {
    it(`log ${i}: ${QUERIES} random queries give identical JSON`, async () => {
      const o = { dbs, prefix: "difff", batch: 7, clusterUpTo: QUERIES, chdbUpTo: CHDB_QUERIES };
      await withLegs(log, o, async (agree) => {
        const queries = fc.sample(fieldsQueryArb, { numRuns: QUERIES, seed: 2000 + i });
        for (const [n, raw] of queries.entries()) await agree(raw, n);
      });
    }, 600_000);
  });
});
