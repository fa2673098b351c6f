import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseEngine, clusterSource, workspaceSource } from "../../../src-main/clickhouse/engine.ts";
import { ChHttp } from "../../../src-main/clickhouse/http.ts";
import { push } from "../../../src-main/clickhouse/push.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { StrataError } from "../../../src-preload/contract/errors.ts";
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

// Issue 14 on the cluster: a property or attribute name no event (or user) carries is the same
// invalid_request, with the same message, as on the local engine (src-main/clickhouse/known-properties.ts),
// with the workspace as the source of names and without it (`clickhouse://`, the cluster's key arrays).

const range = { from: "2024-06-01", to: "2024-06-30" };
const unknownNames: unknown[] = [
  {
    kind: "segmentCount",
    segment: { performed: { event: "purchase", where: [{ property: "prcie", op: "gt", value: 1 }] } },
  },
  {
    kind: "segmentCount",
    segment: { attribute: { property: "Country", scope: "user", op: "eq", value: "DE" } },
  },
  {
    kind: "segmentMembers",
    segment: { attribute: { property: "plan", scope: "user", op: "isSet" } },
    attributes: ["Plan"],
  },
  {
    kind: "funnel",
    steps: [{ event: "view" }, { event: "purchase" }],
    range,
    breakdown: { property: "browser" },
  },
  { kind: "revenue", event: { event: "purchase" }, property: "amount", range },
  { kind: "sessions", range, sessionProperty: "nope" },
  {
    kind: "funnel",
    steps: [{ event: "view" }, { event: "purchase" }],
    range,
    holdConstant: ["sku"],
  },
  {
    kind: "trends",
    series: [{ event: { event: "purchase" }, measure: { fn: "sum", property: "amount" } }],
    interval: "day",
    range,
  },
  {
    kind: "trends",
    series: [{ event: { event: "purchase" } }],
    interval: "day",
    range,
    breakdown: { property: "Plan", scope: "user" },
  },
  { kind: "rfm", event: { event: "purchase" }, monetary: "amount", range },
  { kind: "acquisition", by: { property: "utm_source" }, range },
  { kind: "surveyScores", type: "nps", event: { event: "purchase" }, property: "score", range },
];
const known: unknown[] = [
  {
    kind: "segmentCount",
    segment: { performed: { event: "purchase", where: [{ property: "price", op: "gt", value: 10 }] } },
  },
  { kind: "revenue", event: { event: "purchase" }, property: "price", range },
  {
    kind: "trends",
    series: [{ event: { event: "purchase" }, measure: { fn: "sum", property: "price" } }],
    interval: "day",
    range,
    breakdown: { property: "plan", scope: "user" },
  },
  { kind: "rfm", event: { event: "purchase" }, monetary: "price", range },
  { kind: "bestSendTime" },
];

async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return { answer: await run() };
  } catch (e) {
    if (e instanceof StrataError) return { code: e.code, message: e.message };
    throw e;
  }
}

const dbs: string[] = [];

describe.skipIf(!CLUSTER_WANTED)(
  `unknown property names on the cluster${CLUSTER_WANTED ? "" : ` (${SKIP_REASON})`}`,
  () => {
    beforeAll(async () => {
      await requireCluster();
    });
    afterAll(async () => {
      for (const d of dbs) await dropDatabase(d);
    });

    it("are refused with the local engine's error, from the workspace and from the cluster alone", async () => {
      const j = journeys({
        ann: {
          attributes: { plan: "pro", country: "DE" },
          events: [
            ["purchase", "2024-06-01T10:00Z", { price: 12, currency: "EUR" }],
            ["view", "2024-06-02T10:00Z", { page: "home" }],
          ],
        },
        bob: [["purchase", "2024-06-03T10:00Z", { price: 5 }]],
      });
      try {
        const db = freshDatabase("errparity");
        dbs.push(db);
        const ch = new ChHttp(clusterTarget(db));
        await push(j.ws.db, ch, () => {}, { batch: 7 });
        const engines = [
          new ClickHouseEngine(ch, workspaceSource(j.ws.db)),
          new ClickHouseEngine(ch, clusterSource(ch)),
        ];
        for (const doc of [...unknownNames, ...known]) {
          const q = parseOrThrow(Query, doc);
          const local = await outcome(() => new InProcessEngine(j.ws.db).run(q));
          for (const engine of engines)
            expect(await outcome(() => engine.run(q)), JSON.stringify(doc)).toEqual(local);
        }
        // the cases above do reach the error on the local engine (a test that could not fail otherwise)
        for (const doc of unknownNames)
          expect(
            await outcome(() => new InProcessEngine(j.ws.db).run(parseOrThrow(Query, doc))),
          ).toMatchObject({
            code: "invalid_request",
          });
      } finally {
        j.close();
      }
    });
  },
);
