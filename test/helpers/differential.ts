import { afterAll, beforeAll, describe, expect } from "vitest";
import { ClickHouseEngine, workspaceSource } from "../../src-main/clickhouse/engine.ts";
import { ChHttp } from "../../src-main/clickhouse/http.ts";
import { push } from "../../src-main/clickhouse/push.ts";
import { InProcessEngine } from "../../src-main/engine/in-process-engine.ts";
import { parseOrThrow } from "../../src-main/validate.ts";
import { Query } from "../../src-preload/contract/queries.ts";
import { CHDB_SKIP_REASON, CHDB_WANTED, ChdbClient } from "./chdb.ts";
import {
  CLUSTER_WANTED,
  clusterTarget,
  dropDatabase,
  freshDatabase,
  requireCluster,
  SKIP_REASON,
} from "./clickhouse.ts";
import { type JourneySpec, type Journeys, journeys } from "./journeys.ts";

// The differential tests' one harness (test/main/clickhouse/differential*.test.ts): a log pushed to
// the real 2-shard cluster (ClickHouse 18.16) and to chDB (current ClickHouse in-process), and each
// query's answer from both equal to the local engine's JSON. A leg whose environment is absent is
// skipped, and the suite's name says which variable to set.

const legs = [CLUSTER_WANTED ? "the 2-shard ClickHouse 18.16 cluster" : null, CHDB_WANTED ? "chDB" : null]
  .filter((l) => l !== null)
  .join(" and ");
const skipped = [CLUSTER_WANTED ? null : SKIP_REASON, CHDB_WANTED ? null : CHDB_SKIP_REASON]
  .filter((l) => l !== null)
  .join("; ");

/** A describe block run when either leg is there; `subject` (if any) prefixes its name. */
export function describeDifferential(subject: string | null, body: (dbs: string[]) => void): void {
  const name = `local engine vs ${legs || "ClickHouse"}${skipped ? ` (${skipped})` : ""}`;
  describe.skipIf(!CLUSTER_WANTED && !CHDB_WANTED)(subject ? `${subject}: ${name}` : name, () => {
    const dbs: string[] = [];
    beforeAll(async () => {
      if (CLUSTER_WANTED) await requireCluster();
    });
    afterAll(async () => {
      for (const d of dbs) await dropDatabase(d);
    });
    body(dbs);
  });
}

export interface DifferentialLog {
  /** the suite's list of databases to drop (describeDifferential's) */
  dbs: string[];
  /** the cluster database's name prefix */
  prefix: string;
  /** push batch size (small, so that a log spans several batches) */
  batch: number;
  /** the queries with index below these run on the cluster / on chDB (chDB is slow in-process) */
  clusterUpTo: number;
  chdbUpTo: number;
  /** a workspace setting to write before the push */
  prepare?: (j: Journeys) => void;
}

/** Compares one query (the `n`th of its list) across the legs; a query `only` rejects is skipped. */
export type Agree = (raw: unknown, n: number, only?: (q: Query) => boolean) => Promise<void>;

/** Pushes the log to each leg, then hands `run` the comparison of one query. */
export async function withLegs(
  log: JourneySpec,
  o: DifferentialLog,
  run: (agree: Agree) => Promise<void>,
): Promise<void> {
  const j = journeys(log);
  const chdb = CHDB_WANTED ? ChdbClient.open() : null;
  try {
    o.prepare?.(j);
    const remotes: { name: string; engine: ClickHouseEngine; upTo: number }[] = [];
    if (CLUSTER_WANTED) {
      const db = freshDatabase(o.prefix);
      o.dbs.push(db);
      const ch = new ChHttp(clusterTarget(db));
      await push(j.ws.db, ch, () => {}, { batch: o.batch });
      remotes.push({
        name: "cluster",
        engine: new ClickHouseEngine(ch, workspaceSource(j.ws.db)),
        upTo: o.clusterUpTo,
      });
    }
    if (chdb) {
      await push(j.ws.db, chdb.client, () => {}, { batch: o.batch });
      remotes.push({
        name: "chDB",
        engine: new ClickHouseEngine(chdb.client, workspaceSource(j.ws.db)),
        upTo: o.chdbUpTo,
      });
    }
    const local = new InProcessEngine(j.ws.db);
    await run(async (raw, n, only) => {
      const q = parseOrThrow(Query, raw, "query");
      if (only && !only(q)) return;
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
    });
  } finally {
    chdb?.close();
    j.close();
  }
}
