import { ChHttp, type ChTarget } from "../../src-main/clickhouse/http.ts";

// The tests that need a real ClickHouse cluster. `.ci/run` starts the 2-shard loopback cluster
// (scripts/clickhouse-cluster.sh) and sets STRATA_CLICKHOUSE=1: then the cluster MUST answer, or
// the tests fail saying so. Without that variable (a developer's `npx vitest run` on a machine
// without ClickHouse) they are skipped, and the skip names this variable.

export const CLUSTER_WANTED = process.env.STRATA_CLICKHOUSE === "1";
export const SKIP_REASON =
  "ClickHouse tests skipped: set STRATA_CLICKHOUSE=1 after `scripts/clickhouse-cluster.sh start`";

export function clusterTarget(database: string): ChTarget {
  return {
    url: process.env.STRATA_CLICKHOUSE_URL ?? "http://127.0.0.1:19123",
    cluster: process.env.STRATA_CLICKHOUSE_CLUSTER ?? "strata",
    database,
    user: "default",
    password: process.env.STRATA_CLICKHOUSE_PASSWORD ?? "",
  };
}

/** Fails with a clear message when the cluster that CI promised is not there. */
export async function requireCluster(): Promise<ChHttp> {
  const ch = new ChHttp(clusterTarget("default"));
  try {
    const [r] = await ch.rows<{ n: number }>(
      `SELECT count(DISTINCT shard_num) AS n FROM system.clusters WHERE cluster = '${ch.target.cluster}'`,
    );
    if ((r?.n ?? 0) < 2)
      throw new Error(`cluster "${ch.target.cluster}" has ${r?.n ?? 0} shards, 2 expected`);
  } catch (e) {
    throw new Error(
      `STRATA_CLICKHOUSE=1 but the ClickHouse cluster at ${ch.target.url} does not answer (${(e as Error).message}); start it with scripts/clickhouse-cluster.sh start`,
    );
  }
  return ch;
}

let n = 0;
/** A database name of its own for one test (dropped by dropDatabase). */
export function freshDatabase(prefix = "t"): string {
  n++;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${n}`;
}

export async function dropDatabase(database: string): Promise<void> {
  const ch = new ChHttp(clusterTarget("default"));
  await ch.exec(`DROP DATABASE IF EXISTS \`${database}\` ON CLUSTER \`${ch.target.cluster}\``);
}
