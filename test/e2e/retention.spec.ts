import { expect, type Page, test } from "./harness.ts";
import { answeredAfter, go, runsOf, settle, switchTheme, useLast90Days } from "./steps.ts";

// Retention: read the weekly cohort table of the demo (incomplete cells hatched and empty, never 0%),
// change the definition, create a segment from a cohort, and check the dark theme.

const answered = (page: Page, before: number) => answeredAfter(page, "retention-view", before);
const runs = (page: Page) => runsOf(page, "retention-view");

test("read a retention table, change it, segment a cohort", async ({ page, strata }) => {
  await strata.openDemo();
  await useLast90Days(page);
  await go(page, "Retention");
  await answered(page, 0);

  const table = page.getByTestId("retention-table");
  const rows = table.locator("tbody tr");
  // the weighted average row plus one row per weekly cohort of the 90 days
  await expect.poll(async () => rows.count()).toBeGreaterThan(10);
  // the first cohort's period 0 is the whole cohort
  await expect(rows.nth(1).locator("td").nth(1)).toHaveText("100.0%");
  // the last cohort has periods that have not happened: hatched cells without a number
  const lastRow = rows.last();
  const incomplete = lastRow.locator("td.is-incomplete");
  expect(await incomplete.count()).toBeGreaterThan(0);
  for (const text of await incomplete.allInnerTexts()) expect(text.trim()).toBe("");
  // no incomplete cell anywhere shows 0%
  for (const text of await table.locator("td.is-incomplete").allInnerTexts())
    expect(text).not.toContain("0%");
  await expect(page.getByTestId("retention-curve")).toBeVisible();
  await settle(page);
  await strata.shot("retention-01-weekly-new-users");
  await lastRow.scrollIntoViewIfNeeded();
  await settle(page);
  await strata.shot("retention-01b-table-incomplete-cells");

  // users: counts instead of shares
  await page.getByRole("button", { name: "Users", exact: true }).click();
  await expect(rows.nth(1).locator("td").nth(1)).not.toHaveText(/%/);
  await page.getByRole("button", { name: "%", exact: true }).click();

  // purchase -> purchase, every period they bought, monthly
  let before = await runs(page);
  await page.getByTestId("retention-target").selectOption("purchase");
  await page.getByTestId("retention-return").selectOption("purchase");
  await page.getByLabel("Cohort mode").selectOption("recurring");
  await page.getByRole("button", { name: "Monthly" }).click();
  await page.getByRole("spinbutton", { name: "Periods" }).fill("4");
  await answered(page, before);
  await expect.poll(async () => rows.count()).toBeGreaterThan(2);
  await settle(page);
  await strata.shot("retention-02-monthly-purchase");

  // back to weekly, on-or-after
  before = await runs(page);
  await page.getByRole("button", { name: "Weekly" }).click();
  await page.getByRole("button", { name: "On or after" }).click();
  await answered(page, before);
  await settle(page);
  await strata.shot("retention-03-weekly-on-or-after");

  // save as a report
  await page.getByRole("button", { name: "Save report" }).click();
  await page.getByLabel("Report name").fill("Repeat buyers");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("report-title")).toHaveText("Repeat buyers");

  // dark theme
  await switchTheme(page, "dark");
  await settle(page);
  await strata.shot("retention-04-dark");

  // segment from the first cohort
  const cohort = table.locator("tbody tr").nth(1).locator("th button");
  const label = await cohort.textContent();
  await cohort.click();
  await expect(page.getByRole("main")).toHaveAttribute("aria-label", "Segments");
  await expect(page.getByText(/cohort of/i).first()).toBeVisible();
  await settle(page);
  await strata.shot("retention-05-segment-from-cohort");
  expect(label?.trim().length ?? 0).toBeGreaterThan(0);
});
