import type { ClusterCheck } from "../../src-preload/contract/methods/cluster.ts";
import type { ChClient } from "./http.ts";
import { str } from "./literal.ts";

/** "Test connection": the server answers with these credentials, and knows the cluster by name. */
export async function checkCluster(ch: ChClient): Promise<ClusterCheck> {
  const t0 = performance.now();
  const boot = ch.on("default");
  const [row] = await boot.rows<{ version: string; servers: number; shards: number; tables: number }>(
    `SELECT version() AS version,
       (SELECT count() FROM system.clusters WHERE cluster = ${str(ch.target.cluster)}) AS servers,
       (SELECT uniqExact(shard_num) FROM system.clusters WHERE cluster = ${str(ch.target.cluster)}) AS shards,
       (SELECT count() FROM system.tables WHERE database = ${str(ch.target.database)} AND name = 'events') AS tables`,
  );
  if (!row || row.servers === 0)
    throw new Error(`the server does not know a cluster named "${ch.target.cluster}" (system.clusters)`);
  let events = 0;
  if (row.tables > 0) {
    const [n] = await ch.rows<{ n: number }>("SELECT count() AS n FROM events");
    events = n?.n ?? 0;
  }
  return {
    version: row.version,
    servers: row.servers,
    shards: row.shards,
    events,
    ms: Math.round(performance.now() - t0),
  };
}
