import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { io } from "../../helpers/cli-io.ts";
import {
  CLUSTER_WANTED,
  clusterTarget,
  dropDatabase,
  freshDatabase,
  requireCluster,
  SKIP_REASON,
} from "../../helpers/clickhouse.ts";
import { journeys } from "../../helpers/journeys.ts";

// The CLI of spec cli.md "Beyond one laptop": connect, push, query --on clickhouse and the
// clickhouse:// form give the local JSON; what the cluster cannot answer exits 2 naming it.

const dbs: string[] = [];

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const o = io();
  const code = await main(args, o.io);
  return { code, out: o.out.join(""), err: o.err.join("") };
}

describe.skipIf(!CLUSTER_WANTED)(
  `strata connect / push / query on ClickHouse${CLUSTER_WANTED ? "" : ` (${SKIP_REASON})`}`,
  () => {
    beforeAll(async () => {
      await requireCluster();
    });
    afterAll(async () => {
      for (const d of dbs) await dropDatabase(d);
    });

    it("connects without storing a password, pushes, and answers as the local engine", async () => {
      const j = journeys({
        ann: {
          events: [
            ["signup", "2024-06-01T10:00Z"],
            ["buy", "2024-06-02T10:00:00.250Z"],
          ],
          attributes: { plan: "pro" },
        },
        bob: [["signup", "2024-06-03T10:00Z"]],
        cid: { attributes: { plan: "free" } },
      });
      const file = j.file;
      j.ws.close();
      try {
        const db = freshDatabase("cli");
        dbs.push(db);
        const url = clusterTarget(db).url;
        expect(
          (await run(["connect", file, "--clickhouse", url, "--cluster", "nope", "--database", db])).code,
        ).toBe(2);
        const c = await run(["connect", file, "--clickhouse", url, "--cluster", "strata", "--database", db]);
        expect(c.code, c.err).toBe(0);
        const raw = new Database(file, { readonly: true });
        const cols = (
          raw.prepare("PRAGMA table_info(clickhouse_connection)").all() as { name: string }[]
        ).map((r) => r.name);
        raw.close();
        expect(cols.sort()).toEqual(["cluster", "database", "id", "url", "user"]);
        const p = await run(["push", file, "--json"]);
        expect(p.code, p.err).toBe(0);
        expect(JSON.parse(p.out)).toMatchObject({ eventsSent: 3, usersSent: 3 });
        const q = JSON.stringify({
          kind: "funnel",
          steps: [{ event: "signup" }, { event: "buy" }],
          range: { from: "2024-06-01", to: "2024-06-30" },
        });
        const local = await run(["query", file, q]);
        const remote = await run(["query", file, q, "--on", "clickhouse"]);
        expect(remote.code, remote.err).toBe(0);
        expect(remote.out).toBe(local.out);
        const noWs = await run([
          "query",
          `clickhouse://127.0.0.1:${new URL(url).port}/${db}?cluster=strata`,
          q,
        ]);
        expect(noWs.code, noWs.err).toBe(0);
        expect(noWs.out).toBe(local.out);
        const count = JSON.stringify({
          kind: "segmentCount",
          segment: { attribute: { property: "plan", op: "eq", value: "pro" } },
        });
        expect((await run(["query", file, count, "--on", "clickhouse"])).out).toBe(
          (await run(["query", file, count])).out,
        );
        // issue 15's options are answered: an ordered funnel's exclusions, conversion over time, $hour
        const options = JSON.stringify({
          kind: "funnel",
          steps: [{ event: "signup" }, { event: "buy" }],
          exclusions: [{ event: { event: "x" }, fromStep: 0, toStep: 1 }],
          conversionOverTime: "day",
          where: [{ property: "$hour", op: "gte", value: 10 }],
          range: { from: "2024-06-01", to: "2024-06-07" },
          timezone: "Europe/Berlin",
        });
        const optionsOn = await run(["query", file, options, "--on", "clickhouse"]);
        expect(optionsOn.code, optionsOn.err).toBe(0);
        expect(optionsOn.out).toBe((await run(["query", file, options])).out);
        // an unordered funnel's exclusions are not (the local engine's search has a budget)
        const ex = await run([
          "query",
          file,
          JSON.stringify({
            kind: "funnel",
            steps: [{ event: "signup" }, { event: "buy" }],
            order: "unordered",
            exclusions: [{ event: { event: "x" }, fromStep: 0, toStep: 1 }],
            range: { last: 7, unit: "day" },
          }),
          "--on",
          "clickhouse",
        ]);
        expect(ex.code).toBe(2);
        expect(ex.err).toMatch(/exclusions: not answered on the ClickHouse cluster/);
      } finally {
        j.close();
      }
    });
  },
);
