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
import { type JourneySpec, journeys } from "../../helpers/journeys.ts";

import { trendsArb, trendsLogArb } from "./arbitraries-trends.ts";

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

    /** The local engine's answers equal the cluster's and chDB's (the first `chdbUpTo` queries there). */
    async function agree(log: JourneySpec, queries: unknown[], chdbUpTo: number): Promise<void> {
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
            upTo: queries.length,
          });
        }
        if (chdb) {
          await push(j.ws.db, chdb.client, () => {}, { batch: 7 });
          remotes.push({
            name: "chDB",
            engine: new ClickHouseEngine(chdb.client, workspaceSource(j.ws.db)),
            upTo: chdbUpTo,
          });
        }
        const local = new InProcessEngine(j.ws.db);
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
    }

    it("events exactly on (and next to) local midnights and hours after DST changes", async () => {
      // New York and Berlin midnights before and after their 2024 spring changes, in UTC; a bound
      // after a change sits inside a step of the compiled bucket search, not on the step's start
      const midnights = [
        "2024-03-09T05:00Z",
        "2024-03-11T04:00Z",
        "2024-03-12T04:00Z",
        "2024-03-30T23:00Z",
        "2024-03-31T22:00Z",
        "2024-04-01T22:00Z",
        "2024-03-15T18:30Z",
        "2024-03-20T10:45Z",
      ].map(Date.parse);
      const events: [string, number, { p: number }][] = [];
      midnights.forEach((t, i) => {
        for (const d of [-1, 0, 1]) events.push(["a", t + d, { p: i + d / 10 }]);
      });
      const log: JourneySpec = {
        u1: events,
        u2: events.slice(3, 12),
        u3: events.filter((_, i) => i % 2 === 0),
      };
      const queries: unknown[] = [];
      for (const timezone of ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "Pacific/Chatham"])
        for (const interval of ["hour", "day", "week", "month"])
          queries.push({
            kind: "trends",
            series: [
              { event: { event: "a" } },
              { event: { event: "a" }, measure: { fn: "sum", property: "p" } },
            ],
            interval,
            range: { from: "2024-03-05", to: "2024-04-05" },
            timezone,
          });
      await agree(log, queries, 4);
    }, 600_000);

    const logs = fc.sample(trendsLogArb, { numRuns: LOGS, seed: Number(process.env.STRATA_CH_SEED ?? 23) });
    logs.forEach((log, i) => {
      it(`log ${i}: ${QUERIES} random trends queries give identical JSON`, async () => {
        await agree(log, fc.sample(trendsArb, { numRuns: QUERIES, seed: 2000 + i }), CHDB_QUERIES);
      }, 600_000);
    });
  },
);
