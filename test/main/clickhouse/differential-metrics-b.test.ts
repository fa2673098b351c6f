import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseEngine, workspaceSource } from "../../../src-main/clickhouse/engine.ts";
import { ChHttp } from "../../../src-main/clickhouse/http.ts";
import { push } from "../../../src-main/clickhouse/push.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import { CHDB_SKIP_REASON, CHDB_WANTED, ChdbClient } from "../../helpers/chdb.ts";
import {
  CLUSTER_WANTED,
  clusterTarget,
  dropDatabase,
  freshDatabase,
  requireCluster,
  SKIP_REASON,
} from "../../helpers/clickhouse.ts";
import { journeys } from "../../helpers/journeys.ts";
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
const dbs: string[] = [];

const legs = [CLUSTER_WANTED ? "the 2-shard ClickHouse 18.16 cluster" : null, CHDB_WANTED ? "chDB" : null]
  .filter((l) => l !== null)
  .join(" and ");
const skipped = [CLUSTER_WANTED ? null : SKIP_REASON, CHDB_WANTED ? null : CHDB_SKIP_REASON]
  .filter((l) => l !== null)
  .join("; ");

describe.skipIf(!CLUSTER_WANTED && !CHDB_WANTED)(
  `metric kinds (b): local engine vs ${legs || "ClickHouse"}${skipped ? ` (${skipped})` : ""}`,
  () => {
    beforeAll(async () => {
      if (CLUSTER_WANTED) await requireCluster();
    });
    afterAll(async () => {
      for (const d of dbs) await dropDatabase(d);
    });

    const logs = fc.sample(metricsLogArb, { numRuns: LOGS, seed: Number(process.env.STRATA_CH_SEED ?? 23) });
    logs.forEach((log, i) => {
      it(`log ${i}: ${PER_KIND} random queries of each of ${KINDS.join(", ")} give identical JSON`, async () => {
        const j = journeys(log);
        const chdb = CHDB_WANTED ? ChdbClient.open() : null;
        try {
          const remotes: { name: string; engine: ClickHouseEngine; upTo: number }[] = [];
          if (CLUSTER_WANTED) {
            const db = freshDatabase("diffmb");
            dbs.push(db);
            const ch = new ChHttp(clusterTarget(db));
            await push(j.ws.db, ch, () => {}, { batch: 11 });
            remotes.push({
              name: "cluster",
              engine: new ClickHouseEngine(ch, workspaceSource(j.ws.db)),
              upTo: PER_KIND,
            });
          }
          if (chdb) {
            await push(j.ws.db, chdb.client, () => {}, { batch: 11 });
            remotes.push({
              name: "chDB",
              engine: new ClickHouseEngine(chdb.client, workspaceSource(j.ws.db)),
              upTo: CHDB_PER_KIND,
            });
          }
          const local = new InProcessEngine(j.ws.db);
          for (const kind of KINDS) {
            const arb = metricsQueryArbs[kind];
            if (!arb) throw new Error(`STRATA_CH_KINDS: no arbitrary for ${kind}`);
            const queries = fc.sample(arb, { numRuns: PER_KIND, seed: 2000 + i });
            for (const [n, raw] of queries.entries()) {
              const q = parseOrThrow(Query, raw, "query");
              const want = await local.run(q);
              for (const r of remotes.filter((x) => n < x.upTo)) {
                let got: unknown;
                try {
                  got = await r.engine.run(q);
                } catch (e) {
                  throw new Error(`${r.name} failed on ${JSON.stringify(raw)}: ${(e as Error).message}`);
                }
                expect(got, `${r.name}: ${JSON.stringify(raw)}`).toEqual(want);
              }
            }
          }
        } finally {
          chdb?.close();
          j.close();
        }
      }, 600_000);
    });
  },
);
