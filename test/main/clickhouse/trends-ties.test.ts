import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseEngine, workspaceSource } from "../../../src-main/clickhouse/engine.ts";
import { ChHttp } from "../../../src-main/clickhouse/http.ts";
import { push } from "../../../src-main/clickhouse/push.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import {
  CLUSTER_WANTED,
  clusterTarget,
  dropDatabase,
  freshDatabase,
  requireCluster,
  SKIP_REASON,
} from "../../helpers/clickhouse.ts";
import { journeys } from "../../helpers/journeys.ts";

// Two breakdown values that read the same ("1" and 1) with the same total: the local engine lists
// them in the order it first met them, which the shards' rows do not carry, so the cluster refuses
// such a breakdown by name; without the tie it answers as the local engine does.

const dbs: string[] = [];
const range = { from: "2024-06-01", to: "2024-06-30" };
const trends = (event: string) =>
  parseOrThrow(Query, {
    kind: "trends",
    series: [{ event: { event } }],
    interval: "day",
    range,
    breakdown: { property: "v" },
  });

describe.skipIf(!CLUSTER_WANTED)(
  `trends breakdown ties on the cluster${CLUSTER_WANTED ? "" : ` (${SKIP_REASON})`}`,
  () => {
    beforeAll(async () => {
      await requireCluster();
    });
    afterAll(async () => {
      for (const d of dbs) await dropDatabase(d);
    });

    it("are refused when two tied values read the same, answered otherwise", async () => {
      const j = journeys({
        ann: [
          ["tie", "2024-06-02T10:00Z", { v: "1" }],
          ["tie", "2024-06-03T10:00Z", { v: 1 }],
          ["plain", "2024-06-03T11:00Z", { v: 1 }],
          ["plain", "2024-06-04T11:00Z", { v: 2 }],
        ],
      });
      try {
        const db = freshDatabase("trendties");
        dbs.push(db);
        const ch = new ChHttp(clusterTarget(db));
        await push(j.ws.db, ch);
        const cluster = new ClickHouseEngine(ch, workspaceSource(j.ws.db));
        const local = new InProcessEngine(j.ws.db);
        await expect(cluster.run(trends("tie"))).rejects.toThrow(
          /breakdown\.property: not answered on the ClickHouse cluster/,
        );
        expect(await cluster.run(trends("plain"))).toEqual(await local.run(trends("plain")));
      } finally {
        j.close();
      }
    });
  },
);
