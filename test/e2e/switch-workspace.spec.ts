import path from "node:path";
import { Workspace } from "../../src-main/workspace/workspace.ts";
import type { TrendsResult } from "../../src-preload/contract/trends.ts";
import { type JourneySpec, writeJourneys } from "../helpers/journeys.ts";
import { expect, type Page, test } from "./harness.ts";
import { answeredAfter, go, runsOf, settle } from "./steps.ts";

// Another workspace opened while the segment builder is on screen: an empty segment is the same
// query in every workspace, so the live count, the first members and the member list must ask again
// because the data changed, not because the query did. Each number is read off the screen and
// compared with the engine's answer for the workspace open at that moment.

const SHOP_USERS = 12;

function buildShop(file: string): void {
  const ws = Workspace.create(file, {});
  const spec: JourneySpec = {};
  for (let i = 0; i < SHOP_USERS; i++)
    spec[`shopper-${i}`] = [["page_view", `2024-06-${String(1 + i).padStart(2, "0")}T10:00Z`, { path: "/" }]];
  writeJourneys(ws, spec);
  ws.close();
}

async function countOnScreen(page: Page): Promise<number> {
  const badge = page.getByTestId("segment-count");
  await expect(badge).toHaveAttribute("aria-busy", "false");
  return Number(await badge.getAttribute("data-users"));
}

test("the builder's count and members follow a switch to another workspace", async ({ page, strata }) => {
  const everyone = { kind: "segmentCount" as const, segment: { all: [] } };
  await strata.openDemo();
  await go(page, "Segments");
  const demoUsers = (await strata.bridge.session.query(everyone)).users;
  await expect.poll(() => countOnScreen(page)).toBe(demoUsers);
  const preview = page.getByRole("complementary", { name: "Segment details" }).locator(".preview-list li");
  await expect(preview.first()).toBeVisible();
  await expect(preview.filter({ hasText: "shopper-" })).toHaveCount(0);

  const file = path.join(strata.dataDir, "shop.strata");
  buildShop(file);
  strata.answerDialog(file);
  await page.keyboard.press("Control+k");
  await page.keyboard.type("Open workspace");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("workspace-name")).toHaveText("shop");

  const shopUsers = (await strata.bridge.session.query(everyone)).users;
  expect(shopUsers).toBe(SHOP_USERS);
  await expect.poll(() => countOnScreen(page), { timeout: 30_000 }).toBe(shopUsers);
  await expect(page.getByTestId("segment-count")).toContainText("100.0% of");
  // the first members are the shop's, none of the demo's
  await expect(preview.filter({ hasText: "shopper-" })).toHaveCount(Math.min(8, SHOP_USERS));
  await expect(preview).toHaveCount(Math.min(8, SHOP_USERS));
  await strata.shot("switch-01-builder-follows");

  await page.getByRole("button", { name: "See all members" }).click();
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(rows).toHaveCount(SHOP_USERS);
  await expect(rows.filter({ hasText: "shopper-" })).toHaveCount(SHOP_USERS);
  await strata.shot("switch-02-members-follow");
});

test("a report open in one workspace is not carried into another: its name, draft and numbers stay behind", async ({
  page,
  strata,
}) => {
  await strata.openDemo();
  await go(page, "Trends");
  await answeredAfter(page, "trends-view", 0);
  let before = await runsOf(page, "trends-view");
  await page.getByTestId("trends-event-0").selectOption("purchase");
  await answeredAfter(page, "trends-view", before);
  await page.getByRole("button", { name: "Save report" }).click();
  await page.getByLabel("Report name").fill("Demo purchases");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("report-title")).toHaveText("Demo purchases");

  const file = path.join(strata.dataDir, "shop-trends.strata");
  buildShop(file);
  before = 0;
  strata.answerDialog(file);
  await page.keyboard.press("Control+k");
  await page.keyboard.type("Open workspace");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("workspace-name")).toHaveText("shop-trends");
  // the view starts over in the new workspace: no report of the demo's open, no demo event picked
  await expect(page.getByTestId("report-title")).not.toHaveText("Demo purchases");
  await expect(page.getByTestId("trends-event-0")).not.toHaveValue("purchase");
  await expect(page.getByRole("button", { name: "Save report" })).toBeVisible();
  await answeredAfter(page, "trends-view", before);
  // what it shows is the shop's: every user's page views, as the engine counts them there
  const event = await page.getByTestId("trends-event-0").inputValue();
  expect(event).toBe("page_view");
  const shop = (await strata.bridge.session.query({
    kind: "trends",
    series: [{ event: { event }, measure: "events" }],
    interval: "day",
    range: { last: 30, unit: "day" },
  })) as TrendsResult;
  const totalCell = page.getByTestId("trends-table").locator("tbody tr").first().locator("td").nth(1);
  await expect(totalCell).toHaveText(String(shop.series[0]?.total));
  expect(shop.series[0]?.total).toBe(SHOP_USERS);
  await settle(page);
  await strata.shot("switch-03-report-stays");
  const saved = Workspace.open(file, { readonly: true });
  try {
    expect(saved.db.prepare("SELECT count(*) AS n FROM saved_items").get()).toEqual({ n: 0 });
  } finally {
    saved.close();
  }
});
