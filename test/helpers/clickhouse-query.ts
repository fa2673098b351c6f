import { afterAll, expect } from "vitest";
import { ClickHouseEngine, workspaceSource } from "../../src-main/clickhouse/engine.ts";
import { ChHttp } from "../../src-main/clickhouse/http.ts";
import { push } from "../../src-main/clickhouse/push.ts";
import { InProcessEngine } from "../../src-main/engine/in-process-engine.ts";
import { StrataError } from "../../src-preload/contract/errors.ts";
import type { Query } from "../../src-preload/contract/queries.ts";
import { clusterTarget, dropDatabase, freshDatabase, requireCluster } from "./clickhouse.ts";
import type { Journeys } from "./journeys.ts";

// STRATA_QUERY_ON=clickhouse runs the engine's journey tests (test/main/engine) on the 2-shard
// cluster: each journeys workspace is pushed once, every query runs there, its answer must equal
// the local engine's, and the test's own assertions then read the cluster's answer. A query the
// cluster refuses by name (exit 2 in the CLI) is answered locally and listed at the end, so the
// refusals are visible, never silent.

export const ON_CLICKHOUSE = process.env.STRATA_QUERY_ON === "clickhouse";

const engines = new WeakMap<Journeys, Promise<ClickHouseEngine>>();
const dbs: string[] = [];
const refused: string[] = [];

if (ON_CLICKHOUSE) {
  afterAll(async () => {
    for (const d of dbs.splice(0)) await dropDatabase(d);
    if (refused.length > 0)
      process.stderr.write(
        `clickhouse: ${refused.length} queries refused by name:\n  ${refused.join("\n  ")}\n`,
      );
  });
}

async function engineFor(j: Journeys): Promise<ClickHouseEngine> {
  let e = engines.get(j);
  if (!e) {
    e = (async () => {
      await requireCluster();
      const db = freshDatabase("journey");
      dbs.push(db);
      const ch = new ChHttp(clusterTarget(db));
      await push(j.ws.db, ch);
      return new ClickHouseEngine(ch, workspaceSource(j.ws.db));
    })();
    engines.set(j, e);
  }
  return e;
}

export async function runOnCluster(j: Journeys, q: Query): Promise<unknown> {
  const want = await new InProcessEngine(j.ws.db).run(q);
  const engine = await engineFor(j);
  try {
    const got = await engine.run(q);
    expect(got, `cluster vs local: ${JSON.stringify(q)}`).toEqual(want);
    return got;
  } catch (e) {
    if (
      e instanceof StrataError &&
      /not answered on the ClickHouse cluster|this engine cannot answer/.test(e.message)
    ) {
      refused.push(e.message);
      return want;
    }
    throw e;
  }
}
