import { expect, test } from "./harness.ts";
import { go } from "./steps.ts";

// A range preset survives a timezone change (All time stays All time, with the zone's dates); a
// report draft survives leaving its view.

test("All time stays All time across a timezone change; a funnel draft survives leaving the view", async ({
  page,
  strata,
}) => {
  await strata.openDemo();
  const rangeButton = page.locator(".topbar-controls > .control").first().locator(".control-btn");
  await rangeButton.click();
  await page.getByRole("dialog", { name: "Date range" }).getByRole("button", { name: "All time" }).click();
  await expect(rangeButton).toContainText("All time");
  const utcSpan = await rangeButton.locator(".control-sub").innerText();

  await page.getByRole("button", { name: /^Timezone:/ }).click();
  await page.getByRole("combobox", { name: "Search Timezone" }).fill("Pacific/Kiritimati");
  await page.getByRole("option", { name: "Pacific/Kiritimati" }).click();
  await expect(page.getByRole("button", { name: /^Timezone: Pacific\/Kiritimati/ })).toBeVisible();
  // still the preset, now with the dates of a zone 14 hours ahead
  await expect(rangeButton).toContainText("All time");
  await expect(rangeButton.locator(".control-sub")).not.toHaveText(utcSpan);
  await strata.shot("state-01-all-time-after-zone");

  // a funnel draft (a step removed) is still there after visiting another view
  await go(page, "Funnels");
  const steps = page.locator(".step-row");
  await expect(steps.first()).toBeVisible();
  const before = await steps.count();
  await page
    .getByRole("button", { name: /remove step/i })
    .last()
    .click();
  await expect(steps).toHaveCount(before - 1);
  await go(page, "Retention");
  await go(page, "Funnels");
  await expect(steps).toHaveCount(before - 1);
});
