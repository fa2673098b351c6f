import { expect, test } from "./harness.ts";

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
    await page.getByRole("navigation", { name: "Views" }).getByRole("button", { name, exact: true }).click();
    await expect(page.getByRole("main")).toHaveAttribute("aria-label", name);
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
    .getByRole("button", { name: /last 30 days|custom/i })
    .first()
    .click();
  await expect(page.getByRole("dialog", { name: "Date range" })).toBeVisible();
  await strata.shot("shell-04-range");
  await page
    .getByRole("dialog", { name: "Date range" })
    .getByRole("button", { name: "Last 90 days" })
    .click();
  await expect(page.getByRole("button", { name: /last 90 days/i })).toBeVisible();

  // dark theme from the sidebar toggle (system -> dark)
  await page.getByRole("button", { name: /^Theme:/ }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page
    .getByRole("navigation", { name: "Views" })
    .getByRole("button", { name: "Data", exact: true })
    .click();
  await strata.shot("shell-05-data-dark");
});
