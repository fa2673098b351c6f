import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import { ON_CLICKHOUSE, runOnCluster } from "../../helpers/clickhouse-query.ts";
import type { Journeys } from "../../helpers/journeys.ts";

/** Validates a query as the app does, then runs it in-process on the journeys' workspace. */
export async function runQuery<T = unknown>(j: Journeys, query: unknown): Promise<T> {
  const q = parseOrThrow(Query, query, "query");
  if (ON_CLICKHOUSE) return (await runOnCluster(j, q)) as T;
  return (await new InProcessEngine(j.ws.db).run(q)) as T;
}
