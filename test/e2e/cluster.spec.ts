import fs from "node:fs";
import { ChHttp } from "../../src-main/clickhouse/http.ts";
import type { QueryRunner } from "../../src-main/session.ts";
import { workspaceInfo } from "../../src-main/workspace/info.ts";
import {
  isQueryOf,
  type Query,
  type QueryKind,
  type QueryOf,
} from "../../src-preload/contract/query-kinds.ts";
import { expect, type Page, test } from "./harness.ts";
import { go, settle, useLast90Days } from "./steps.ts";

// Settings -> Cluster against the real 2-shard ClickHouse cluster (scripts/clickhouse-cluster.sh,
// started by .ci/run): connect with a password the keychain keeps (never the workspace file), push
// the demo with progress, then run the funnel on the cluster with the top bar's switch and read the
// same numbers on screen as on this laptop, and as the local engine answers.

const ON = process.env.STRATA_CLICKHOUSE === "1";
const URL_ = process.env.STRATA_CLICKHOUSE_URL ?? "http://127.0.0.1:19123";
const CLUSTER = process.env.STRATA_CLICKHOUSE_CLUSTER ?? "strata";

const PASSWORD = "strata-test-password";

const int = (s: string) => Number((s.match(/-?[\d,]+/)?.[0] ?? "NaN").replace(/,/g, ""));

async function stepCounts(page: Page): Promise<number[]> {
  const rows = page.getByTestId("funnel-table").locator("tbody tr");
  const out: number[] = [];
  for (let i = 0; i < (await rows.count()); i++)
    out.push(int(await rows.nth(i).locator("th, td").nth(1).innerText()));
  return out;
}

async function runsOf(page: Page): Promise<number> {
  return Number(await page.getByTestId("funnels-view").getAttribute("data-runs"));
}

test.describe(
  ON ? "cluster settings" : "cluster settings (set STRATA_CLICKHOUSE=1 with the cluster running)",
  () => {
    test.skip(
      !ON,
      "needs the loopback ClickHouse cluster: scripts/clickhouse-cluster.sh start, STRATA_CLICKHOUSE=1",
    );
    test.setTimeout(420_000);

    test("connect, push with progress, and the funnel on the cluster equals this laptop's", async ({
      page,
      strata,
    }) => {
      const session = strata.bridge.session;
      const seen: { channel: string; query: Query; cluster: boolean }[] = [];
      const run = session.query.bind(session);
      session.query = <K extends QueryKind>(q: QueryOf<K>, channel?: string, on?: QueryRunner) => {
        if (channel) seen.push({ channel, query: q, cluster: on !== undefined });
        return run(q, channel, on);
      };

      await strata.openDemo();
      await go(page, "Settings");
      const box = page.getByTestId("cluster-settings");
      const database = `strata_e2e_${Date.now()}`;
      await box.getByLabel("Server URL (HTTP port)").fill(URL_);
      await box.getByLabel("Cluster").fill(CLUSTER);
      await box.getByLabel("Database").fill(database);
      // the cluster script's user with a password: queries fail unless the keychain hands it over
      await box.getByLabel("User").fill("strata");
      await box.getByLabel("Password").fill(PASSWORD);
      await box.getByRole("button", { name: "Connect", exact: true }).click();
      await expect(box.getByTestId("cluster-check")).toContainText("2 shards on 2 servers");
      await expect(box.getByTestId("cluster-check")).toContainText("0 events there");
      await expect(box.getByLabel("Password")).toHaveAttribute("placeholder", "kept in the keychain");
      await expect(box.getByLabel("Password")).toHaveValue("");
      const file = session.workspace.path;

      await box.getByRole("button", { name: "Push events" }).click();
      await expect(box.getByTestId("push-progress")).toBeVisible();
      await expect(box.getByTestId("push-progress")).toContainText(/of [\d,]+ events pushed/);
      await strata.shot("cluster-01-push-progress");
      await expect(box.getByTestId("push-done")).toBeVisible({ timeout: 360_000 });
      const pushed = int((await box.getByTestId("push-done").innerText()).replace(/^Pushed /, ""));
      expect(pushed).toBe(workspaceInfo(session.workspace).events);
      await box.getByRole("button", { name: "Test connection" }).click();
      await expect(box.getByTestId("cluster-check")).toContainText(
        `${new Intl.NumberFormat("en-US").format(pushed)} events there`,
      );
      await settle(page);
      await strata.shot("cluster-02-pushed");

      // the funnel on this laptop, then on the cluster: the same numbers, and the local engine's
      await useLast90Days(page);
      await go(page, "Funnels");
      const view = page.getByTestId("funnels-view");
      await expect.poll(() => runsOf(page), { timeout: 60_000 }).toBeGreaterThan(0);
      await expect(view).toHaveAttribute("data-phase", "done");
      const laptop = await stepCounts(page);
      expect(laptop.length).toBeGreaterThan(1);
      expect(laptop[0]).toBeGreaterThan(0);
      const before = await runsOf(page);
      const runOn = page.getByRole("group", { name: "Run on" });
      await runOn.getByRole("button", { name: /^Cluster/ }).click();
      await expect.poll(() => runsOf(page), { timeout: 120_000 }).toBeGreaterThan(before);
      await expect(view).toHaveAttribute("data-phase", "done");
      const onCluster = await stepCounts(page);
      expect(onCluster).toEqual(laptop);
      const last = seen.filter((s) => s.channel === "funnel").at(-1);
      expect(last?.cluster, "the last funnel ran on the cluster").toBe(true);
      const q = last?.query;
      if (q === undefined || !isQueryOf(q, "funnel")) throw new Error("no funnel query seen");
      const local = await run(q);
      expect(onCluster).toEqual(local.steps.map((s) => s.count));
      // both times are on the switch
      await expect(runOn.getByTestId("took-laptop")).toContainText(/\d/);
      await expect(runOn.getByTestId("took-cluster")).toContainText(/\d/);
      await settle(page);
      await strata.shot("cluster-03-funnel-on-cluster");
      await runOn.getByRole("button", { name: /^This laptop/ }).click();

      await session.close();
      const bytes = fs.readFileSync(file);
      expect(bytes.includes(Buffer.from(database)), "the workspace keeps the connection").toBe(true);
      expect(bytes.includes(Buffer.from(PASSWORD)), "the workspace never holds the password").toBe(false);
      await new ChHttp({
        url: URL_,
        cluster: CLUSTER,
        database: "default",
        user: "default",
        password: "",
      }).exec(`DROP DATABASE IF EXISTS ${database} ON CLUSTER ${CLUSTER}`);
    });
  },
);
