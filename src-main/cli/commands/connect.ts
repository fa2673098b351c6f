import { StrataError } from "../../../src-preload/contract/errors.ts";
import { checkName, checkUrl, checkUser, saveConnection, targetOf } from "../../clickhouse/connection.ts";
import { ChHttp } from "../../clickhouse/http.ts";
import { Workspace } from "../../workspace/workspace.ts";
import { opt, parseArgs } from "../args.ts";
import type { Command } from "../command.ts";

const USAGE = "strata connect WS --clickhouse URL [--cluster NAME] [--database DB] [--user U]";

export const connectCommand: Command = {
  name: "connect",
  usage: USAGE,
  summary:
    "connects WS to a ClickHouse cluster (HTTP URL) and checks it; the password comes from STRATA_CLICKHOUSE_PASSWORD and is never stored",
  options: {
    clickhouse: { value: true },
    cluster: { value: true },
    database: { value: true },
    user: { value: true },
  },
  async run(argv, io) {
    const args = parseArgs(argv, this.options);
    const [file] = args.positionals;
    const url = opt(args, "clickhouse");
    if (!file || !url || args.positionals.length > 1)
      throw new StrataError("invalid_request", `usage: ${USAGE}`);
    const conn = {
      url: checkUrl(url),
      cluster: checkName("cluster", opt(args, "cluster") ?? "strata"),
      database: checkName("database", opt(args, "database") ?? "strata"),
      user: checkUser(opt(args, "user") ?? "default"),
    };
    const ch = new ChHttp(targetOf(conn)).on("default");
    const [version] = await ch.rows<{ v: string }>("SELECT version() AS v");
    const shards = await ch.rows<{ n: number }>(
      `SELECT count(DISTINCT shard_num) AS n FROM system.clusters WHERE cluster = '${conn.cluster}'`,
    );
    const shardCount = shards[0]?.n ?? 0;
    if (shardCount === 0)
      throw new StrataError(
        "invalid_request",
        `the server has no cluster named "${conn.cluster}" (see system.clusters)`,
      );
    const ws = Workspace.open(file);
    try {
      saveConnection(ws.db, conn);
    } finally {
      ws.close();
    }
    io.out(
      `connected ${file} to ${conn.url} (ClickHouse ${version?.v ?? "?"}, cluster ${conn.cluster}: ${shardCount} shards, database ${conn.database})\n`,
    );
    return 0;
  },
};
