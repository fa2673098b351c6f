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
import { logArb } from "./arbitraries.ts";
import { trendsArb } from "./arbitraries-trends.ts";

// Trends on the cluster must give the local engine's JSON: random logs, pushed to the real 2-shard
// cluster (ClickHouse 18.16) and to chDB (current ClickHouse in-process, one server), times random
// trends queries (arbitraries-trends.ts): three identical JSON answers.

const LOGS = Number(process.env.STRATA_CH_TRENDS_LOGS ?? 2);
const QUERIES = Number(process.env.STRATA_CH_TRENDS_QUERIES ?? 30);
// chDB answers the first of them too (in-process it takes seconds per query on a loaded 2-core CI)
const CHDB_QUERIES = Number(process.env.STRATA_CHDB_TRENDS_QUERIES ?? 10);
const dbs: string[] = [];

const legs = [CLUSTER_WANTED ? "the 2-shard ClickHouse 18.16 cluster" : null, CHDB_WANTED ? "chDB" : null]
  .filter((l) => l !== null)
  .join(" and ");
const skipped = [CLUSTER_WANTED ? null : SKIP_REASON, CHDB_WANTED ? null : CHDB_SKIP_REASON]
  .filter((l) => l !== null)
  .join("; ");

describe.skipIf(!CLUSTER_WANTED && !CHDB_WANTED)(
  `trends: local engine vs ${legs || "ClickHouse"}${skipped ? ` (${skipped})` : ""}`,
  () => {
    beforeAll(async () => {
      if (CLUSTER_WANTED) await requireCluster();
    });
    afterAll(async () => {
      for (const d of dbs) await dropDatabase(d);
    });

    const logs = fc.sample(logArb, { numRuns: LOGS, seed: Number(process.env.STRATA_CH_SEED ?? 23) });
    logs.forEach((log, i) => {
      it(`log ${i}: ${QUERIES} random trends queries give identical JSON`, async () => {
        const j = journeys(log);
        const chdb = CHDB_WANTED ? ChdbClient.open() : null;
        try {
          const remotes: { name: string; engine: ClickHouseEngine; upTo: number }[] = [];
          if (CLUSTER_WANTED) {
            const db = freshDatabase("difftrends");
            dbs.push(db);
            const ch = new ChHttp(clusterTarget(db));
            await push(j.ws.db, ch, () => {}, { batch: 7 });
            remotes.push({
              name: "cluster",
              engine: new ClickHouseEngine(ch, workspaceSource(j.ws.db)),
              upTo: QUERIES,
            });
          }
          if (chdb) {
            await push(j.ws.db, chdb.client, () => {}, { batch: 7 });
            remotes.push({
              name: "chDB",
              engine: new ClickHouseEngine(chdb.client, workspaceSource(j.ws.db)),
              upTo: CHDB_QUERIES,
            });
          }
          const local = new InProcessEngine(j.ws.db);
          const queries = fc.sample(trendsArb, { numRuns: QUERIES, seed: 2000 + i });
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
        } finally {
          chdb?.close();
          j.close();
        }
      }, 600_000);
    });
  },
);
