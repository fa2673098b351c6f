import type { Query } from "../../src-preload/contract/queries.ts";
import type { FunnelResult } from "../../src-preload/contract/results.ts";
import { expect, test } from "./harness.ts";
import { answeredAfter, go, runsOf, settle, useLast90Days } from "./steps.ts";

// Funnel conversion over time: the weekly line's tooltip shows the engine's figures for the same
// (saved) query.

test("funnel conversion per week of entry matches the engine", async ({ page, strata }) => {
  await strata.openDemo();
  await useLast90Days(page);
  await go(page, "Funnels");
  await answeredAfter(page, "funnels-view", 0);
  const before = await runsOf(page, "funnels-view");
  await page.getByRole("button", { name: "By week", exact: true }).click();
  await answeredAfter(page, "funnels-view", before);

  await page.getByRole("button", { name: "Save report" }).click();
  await page.getByLabel("Report name").fill("Weekly conversion");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("report-title")).toHaveText("Weekly conversion");
  const text = strata.bridge.session.workspace.db
    .prepare("SELECT definition FROM saved_items WHERE name = 'Weekly conversion'")
    .pluck()
    .get() as string;
  const q = JSON.parse(text) as Query;
  expect(q.kind === "funnel" && q.conversionOverTime).toBe("week");
  const r = (await strata.bridge.session.query(q)) as FunnelResult;
  const points = r.overTime ?? [];
  expect(points.length).toBeGreaterThan(10);

  const panel = page.getByTestId("funnel-over-time");
  await panel.scrollIntoViewIfNeeded();
  const chart = panel.locator(".chart");
  const box = await chart.boundingBox();
  if (!box) throw new Error("no chart");
  // hover the middle of the plot: the tooltip names a week and its "converted (a of b)"
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const tip = chart.locator("div").filter({ hasText: "converted" }).last();
  await expect(tip).toBeVisible();
  const m = /\((\d[\d,]*) of (\d[\d,]*)\)/.exec((await tip.textContent()) ?? "");
  if (!m) throw new Error("no figures in the tooltip");
  const [converted, entered] = [Number(m[1]?.replace(/,/g, "")), Number(m[2]?.replace(/,/g, ""))];
  expect(points.some((p) => p.converted === converted && p.entered === entered)).toBe(true);
  await settle(page);
  await strata.shot("funnel-over-time-01-weekly");
});
