import path from "node:path";
import { Workspace } from "../../src-main/workspace/workspace.ts";
import { type JourneyEvent, type JourneySpec, writeJourneys } from "../helpers/journeys.ts";
import { expect, type Page, test } from "./harness.ts";
import { go, settle } from "./steps.ts";

// Revenue, Surveys and Acquisition on a workspace without the demo's property names: the first
// open picks properties the workspace has (price, rating, utm_source) and shows the engine's numbers;
// on a workspace with nothing to measure each tab asks for a property, never "unknown property".

async function openWorkspace(
  page: Page,
  strata: { answerDialog(a: string): void; bridge: { url: string } },
  file: string,
) {
  await page.goto(strata.bridge.url);
  strata.answerDialog(file);
  await page.getByRole("button", { name: /Open workspace/ }).click();
  await expect(page.getByTestId("workspace-name")).toHaveText(path.basename(file, ".strata"));
}

async function allTime(page: Page) {
  await page
    .getByRole("button", { name: /last \d+ days|custom/i })
    .first()
    .click();
  await page.getByRole("dialog", { name: "Date range" }).getByRole("button", { name: "All time" }).click();
}

async function answered(page: Page, testId: string) {
  const el = page.getByTestId(testId);
  await expect
    .poll(async () => Number(await el.getAttribute("data-runs")), { timeout: 60_000 })
    .toBeGreaterThan(0);
  await expect(el).toHaveAttribute("data-phase", "done");
}

/** 30 users in June 2024: page views, every third orders (price 10 + i), every second rates; or only app opens. */
function build(file: string, withProps: boolean) {
  const ws = Workspace.create(file, {});
  const spec: JourneySpec = {};
  for (let i = 0; i < 30; i++) {
    const day = `2024-06-${String(1 + (i % 28)).padStart(2, "0")}`;
    if (!withProps) {
      spec[`u${i}`] = [["app_open", `${day}T10:00Z`, { screen: "home" }]];
      continue;
    }
    const events: JourneyEvent[] = [["page_view", `${day}T10:00Z`, { path: "/" }]];
    if (i % 3 === 0) events.push(["order_completed", `${day}T10:05Z`, { price: 10 + i }]);
    if (i % 2 === 0) events.push(["feedback", `${day}T11:00Z`, { rating: i % 11 }]);
    spec[`u${i}`] = { events, attributes: { utm_source: i % 2 ? "ads" : "newsletter" } };
  }
  writeJourneys(ws, spec);
  ws.close();
}

test("revenue, surveys and acquisition open on the workspace's own properties", async ({ page, strata }) => {
  const file = path.join(strata.dataDir, "shop.strata");
  build(file, true);
  await openWorkspace(page, strata, file);
  await allTime(page);
  await go(page, "Engagement");

  await page.getByRole("tab", { name: "Revenue & LTV" }).click();
  await answered(page, "tab-revenue");
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page.getByLabel("Amount property")).toHaveValue(/price/);
  // orders of u0, u3, ... u27: prices 10 + i
  const want = Array.from({ length: 10 }, (_, k) => 10 + 3 * k).reduce((a, b) => a + b, 0);
  await expect(page.getByTestId("revenue-total").locator(".kpi-value")).toHaveText(want.toFixed(2));
  await settle(page);
  await strata.shot("defaults-01-revenue-price");

  await page.getByRole("tab", { name: "Surveys" }).click();
  await answered(page, "tab-surveys");
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page.getByLabel("Score property")).toHaveValue(/rating/);
  await expect(page.getByTestId("tab-surveys").getByText("responses from 15 users")).toBeVisible();
  await settle(page);
  await strata.shot("defaults-02-surveys-rating");

  await page.getByRole("tab", { name: "Acquisition" }).click();
  await answered(page, "tab-acquisition");
  await expect(page.getByRole("alert")).toHaveCount(0);
  const table = page.getByTestId("tab-acquisition").getByRole("table");
  await expect(table).toContainText("newsletter");
  await expect(table).toContainText("ads");
  await settle(page);
  await strata.shot("defaults-03-acquisition-utm");
});

test("a workspace with nothing to measure: each tab asks for a property", async ({ page, strata }) => {
  const file = path.join(strata.dataDir, "bare.strata");
  build(file, false);
  await page.setViewportSize({ width: 1024, height: 700 });
  await openWorkspace(page, strata, file);
  await go(page, "Engagement");
  for (const [tab, name] of [
    ["Revenue & LTV", "revenue"],
    ["Surveys", "surveys"],
    ["Acquisition", "acquisition"],
  ] as const) {
    await page.getByRole("tab", { name: tab }).click();
    await expect(page.getByTestId("needs-property")).toBeVisible();
    await expect(page.getByRole("alert")).toHaveCount(0);
    await expect(page.getByText(/unknown property/i)).toHaveCount(0);
    await strata.shot(`defaults-1024-${name}-needs-property`);
  }
});
