import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseEngine, workspaceSource } from "../../../src-main/clickhouse/engine.ts";
import { ChHttp } from "../../../src-main/clickhouse/http.ts";
import { push } from "../../../src-main/clickhouse/push.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import {
  CLUSTER_WANTED,
  clusterTarget,
  dropDatabase,
  freshDatabase,
  requireCluster,
  SKIP_REASON,
} from "../../helpers/clickhouse.ts";
import { journeys } from "../../helpers/journeys.ts";
import { logArb, queryArb } from "./arbitraries.ts";

// The cluster must give the local engine's JSON for every query it answers: random logs, pushed
// to the real 2-shard cluster, times random queries of every supported kind.

const LOGS = Number(process.env.STRATA_CH_LOGS ?? 3);
const QUERIES = Number(process.env.STRATA_CH_QUERIES ?? 40);
const dbs: string[] = [];

describe.skipIf(!CLUSTER_WANTED)(
  `local engine vs the 2-shard ClickHouse cluster${CLUSTER_WANTED ? "" : ` (${SKIP_REASON})`}`,
  () => {
    beforeAll(async () => {
      await requireCluster();
    });
    afterAll(async () => {
      for (const d of dbs) await dropDatabase(d);
    });

    const logs = fc.sample(logArb, { numRuns: LOGS, seed: Number(process.env.STRATA_CH_SEED ?? 19) });
    logs.forEach((log, i) => {
      it(`log ${i}: ${QUERIES} random queries give identical JSON`, async () => {
        const j = journeys(log);
        try {
          const db = freshDatabase("diff");
          dbs.push(db);
          const ch = new ChHttp(clusterTarget(db));
          await push(j.ws.db, ch, () => {}, { batch: 7 });
          const local = new InProcessEngine(j.ws.db);
          const remote = new ClickHouseEngine(ch, workspaceSource(j.ws.db));
          const queries = fc.sample(queryArb, { numRuns: QUERIES, seed: 1000 + i });
          for (const raw of queries) {
            const q = parseOrThrow(Query, raw, "query");
            const want = await local.run(q);
            let got: unknown;
            try {
              got = await remote.run(q);
            } catch (e) {
              throw new Error(`cluster failed on ${JSON.stringify(raw)}: ${(e as Error).message}`);
            }
            expect(got, JSON.stringify(raw)).toEqual(want);
          }
        } finally {
          j.close();
        }
      }, 600_000);
    });
  },
);
