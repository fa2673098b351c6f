import type Database from "better-sqlite3";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { Query } from "../../src-preload/contract/queries.ts";
import { parseClickhouseUrl, readConnection, targetOf } from "./connection.ts";
import { ClickHouseEngine, clusterSource, workspaceSource } from "./engine.ts";
import { ChHttp } from "./http.ts";

// The CLI's two ways to a cluster (spec cli.md "Beyond one laptop"): `--on clickhouse` with a
// connected workspace, and a `clickhouse://` URL in place of the workspace.

export { isClickhouseUrl } from "./is-url.ts";

export async function runOnUrl(url: string, query: Query): Promise<unknown> {
  const ch = new ChHttp(parseClickhouseUrl(url));
  return new ClickHouseEngine(ch, clusterSource(ch)).run(query);
}

export async function runOnConnected(db: Database.Database, file: string, query: Query): Promise<unknown> {
  const conn = readConnection(db);
  if (!conn)
    throw new StrataError(
      "invalid_request",
      `${file} is not connected to a cluster: run strata connect first`,
    );
  return new ClickHouseEngine(new ChHttp(targetOf(conn)), workspaceSource(db)).run(query);
}
