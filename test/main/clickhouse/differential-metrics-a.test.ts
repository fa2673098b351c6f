import fc from "fast-check";
import { it } from "vitest";
import { writeActivity } from "../../../src-main/workspace/activity.ts";
import { describeDifferential, withLegs } from "../../helpers/differential.ts";
import type { Journeys } from "../../helpers/journeys.ts";
import { metricsLogArb, metricsQueryArb } from "./arbitraries-metrics-a.ts";

// Active users, churn, feature adoption, sessions, activity heatmap and revenue on the cluster must
// give the local engine's JSON, to the last bit of every float: random logs pushed to the real
// 2-shard ClickHouse 18.16 cluster and to chDB (current ClickHouse in-process), times random
// queries of these kinds. Every other log leaves event "d" out of activity (the workspace setting),
// so the activity rule is compiled too.

const LOGS = Number(process.env.STRATA_CH_LOGS ?? 3);
const QUERIES = Number(process.env.STRATA_CH_QUERIES ?? 30);
const CHDB_QUERIES = Number(process.env.STRATA_CHDB_QUERIES ?? 10);
// a comma-separated list of kinds to run (while debugging one); all of them by default
const KINDS = process.env.STRATA_CH_KINDS?.split(",");

describeDifferential("metric kinds (a)", (dbs) => {
  const logs = fc.sample(metricsLogArb, { numRuns: LOGS, seed: Number(process.env.STRATA_CH_SEED ?? 23) });
  logs.forEach((log, i) => {
    it(`log ${i}: ${QUERIES} random metric queries give identical JSON`, async () => {
      const o = {
        dbs,
        prefix: "diffma",
        batch: 7,
        clusterUpTo: QUERIES,
        chdbUpTo: CHDB_QUERIES,
        prepare: i % 2 === 1 ? (j: Journeys) => writeActivity(j.ws.db, ["d"]) : undefined,
      };
      await withLegs(log, o, async (agree) => {
        const queries = fc.sample(metricsQueryArb, { numRuns: QUERIES, seed: 2000 + i });
        for (const [n, raw] of queries.entries())
          await agree(raw, n, (q) => !KINDS || KINDS.includes(q.kind));
      });
    }, 600_000);
  });
});
