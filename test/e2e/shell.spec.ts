import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./harness.ts";
import { go } from "./steps.ts";

// The frame: start screen, opening the demo, the sidebar's views, the command palette, both themes.
test("start screen, demo workspace, views, palette and themes", async ({ page, strata }) => {
  await page.goto(strata.bridge.url);
  await expect(page.getByRole("button", { name: /open the demo/i })).toBeVisible();
  await strata.shot("shell-01-start");

  await strata.openDemo();
  const header = page.getByTestId("workspace-name");
  await expect(header).toBeVisible();
  // the Data view lists the demo's events with counts
  await expect(page.getByRole("table", { name: "Events" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Events" }).locator("tbody tr").first()).toBeVisible();
  await strata.shot("shell-02-data");

  // every sidebar section opens its view
  for (const name of [
    "Segments",
    "Funnels",
    "Retention",
    "Engagement",
    "RFM",
    "Compare",
    "Exports",
    "Data",
  ]) {
    await go(page, name);
  }

  // command palette reaches views by typing
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await expect(palette).toBeVisible();
  await page.keyboard.type("retention");
  await strata.shot("shell-03-palette");
  await page.keyboard.press("Enter");
  await expect(palette).toBeHidden();
  await expect(page.getByRole("main")).toHaveAttribute("aria-label", "Retention");

  // date range presets resolve to dates
  await page
    .getByRole("button", { name: /last \d+ days|custom/i })
    .first()
    .click();
  await expect(page.getByRole("dialog", { name: "Date range" })).toBeVisible();
  await strata.shot("shell-04-range");
  await page
    .getByRole("dialog", { name: "Date range" })
    .getByRole("button", { name: "Last 90 days" })
    .click();
  await expect(page.getByRole("button", { name: /last 90 days/i })).toBeVisible();

  // dark theme from the sidebar toggle (system -> dark -> light)
  for (let i = 0; i < 3 && (await page.locator("html").getAttribute("data-theme")) !== "dark"; i++) {
    await page.getByRole("button", { name: /^Theme:/ }).click();
  }
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await go(page, "Data");
  await strata.shot("shell-05-data-dark");
  // let the views' background queries finish before the bridge shuts down
  await page.waitForLoadState("networkidle");
});

test("new workspace: empty states, then import a CSV with a preview, progress and a summary", async ({
  page,
  strata,
}) => {
  const csv = path.join(strata.dataDir, "events.csv");
  const rows = ["user_id,event,time,price"];
  for (let i = 0; i < 300; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    rows.push(`u${i % 40},${i % 3 === 0 ? "purchase" : "view"},2024-06-${day}T10:00:00Z,${(i % 7) + 0.5}`);
  }
  rows.push("u1,view,not a time,1");
  fs.writeFileSync(csv, `${rows.join("\n")}\n`);

  await page.goto(strata.bridge.url);
  strata.answerDialog(path.join(strata.dataDir, "fresh.strata"));
  await page.getByRole("button", { name: /new workspace/i }).click();
  await expect(page.getByTestId("workspace-name")).toHaveText("fresh");
  await expect(page.getByText("No events yet")).toBeVisible();
  await strata.shot("shell-06-empty-workspace");

  strata.answerDialog([csv]);
  await page.getByRole("button", { name: "Import events" }).first().click();
  await page.getByRole("button", { name: "Choose files…" }).click();
  await expect(page.locator(".preview-table")).toBeVisible();
  await expect(page.locator(".preview-table tbody tr").first()).toContainText("u0");
  await strata.shot("shell-07-import-preview");

  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.locator(".summary-card")).toBeVisible();
  await expect(page.locator(".summary-card")).toContainText("300");
  await expect(page.locator(".summary-card")).toContainText("rows skipped");
  await strata.shot("shell-08-import-summary");

  await page.getByRole("tab", { name: "Catalog" }).click();
  await expect(page.getByRole("table", { name: "Events" })).toContainText("purchase");
  await expect(page.locator(".data-log")).toContainText("events.csv");
  await strata.shot("shell-09-catalog-after-import");
});

test("the smallest window (1024x700) in the dark theme: builder, picker, members", async ({
  page,
  strata,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await strata.openDemo();
  // the theme choice cycles system -> dark -> light and outlives a test, so cycle until dark
  for (let i = 0; i < 3 && (await page.locator("html").getAttribute("data-theme")) !== "dark"; i++) {
    await page.getByRole("button", { name: /^Theme:/ }).click();
  }
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await go(page, "Segments");
  await page.getByRole("button", { name: /^Unhappy/ }).click();
  await page.getByRole("button", { name: "Add Property aggregate" }).press("Enter");
  await expect(page.getByTestId("segment-count")).toHaveAttribute("aria-busy", "false");
  // no horizontal overflow of the frame at the minimum size
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await strata.shot("shell-10-small-dark-builder");
  await page
    .locator(".group-root .sentence")
    .first()
    .getByRole("button", { name: /^Event:/ })
    .click();
  await page.keyboard.type("cart");
  await strata.shot("shell-11-small-dark-picker");
  await page.keyboard.press("Escape");
  await page.getByRole("tab", { name: "Members" }).click();
  await page.locator(".members tbody tr").first().click();
  await expect(page.locator(".timeline")).toBeVisible();
  await strata.shot("shell-12-small-dark-members");
});
