import { expect, type Page, test } from "./harness.ts";
import { go, settle, switchTheme, useLast90Days } from "./steps.ts";

// Metric views on the demo: every Engagement tab, RFM and Compare draw their charts (no error state),
// lifecycle keeps dormant users below the axis, an RFM group and a comparison arm become segments.

async function done(page: Page, testId: string) {
  const el = page.getByTestId(testId);
  await expect
    .poll(async () => Number(await el.getAttribute("data-runs")), { timeout: 60_000 })
    .toBeGreaterThan(0);
  await expect(el).toHaveAttribute("data-phase", "done");
  await expect(page.getByRole("alert")).toHaveCount(0);
}

const TABS: [string, string, string][] = [
  ["Active users", "tab-active", "active-chart"],
  ["Lifecycle", "tab-lifecycle", "lifecycle-chart"],
  ["Stickiness", "tab-stickiness", "stickiness-chart"],
  ["Churn", "tab-churn", "churn-chart"],
  ["Adoption", "tab-adoption", "adoption-chart"],
  ["Sessions", "tab-sessions", "sessions-chart"],
  ["Activity by hour", "tab-heatmap", "heatmap-chart"],
  ["Acquisition", "tab-acquisition", "acquisition-chart"],
  ["Revenue & LTV", "tab-revenue", "revenue-chart"],
  ["Surveys", "tab-surveys", "survey-chart"],
  ["Messages", "tab-messages", "messages-chart"],
];

test("engagement tabs, RFM and compare on the demo", async ({ page, strata }) => {
  await strata.openDemo();
  await useLast90Days(page);
  await go(page, "Engagement");

  for (const [i, [label, tab, chart]] of TABS.entries()) {
    await page.getByRole("tab", { name: label }).click();
    await done(page, tab);
    // the chart is drawn, not replaced by an empty or error message
    await expect(page.getByTestId(chart).locator(".chart-overlay")).toHaveCount(0);
    await settle(page);
    await strata.shot(`metrics-${String(i + 1).padStart(2, "0")}-${tab.replace("tab-", "")}`);
  }

  // lifecycle: save it as a report, reopen it from the sidebar
  await page.getByRole("tab", { name: "Lifecycle" }).click();
  await done(page, "tab-lifecycle");
  await page.getByRole("button", { name: "Monthly" }).click();
  await page.getByRole("button", { name: "Save report" }).click();
  await page.getByLabel("Report name").fill("Monthly lifecycle");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("report-title")).toHaveText("Monthly lifecycle");
  await page.getByRole("tab", { name: "Active users" }).click();
  await page
    .getByRole("navigation", { name: "Views" })
    .getByRole("button", { name: "Monthly lifecycle", exact: true })
    .click();
  await expect(page.getByRole("main")).toHaveAttribute("aria-label", "Engagement");
  await expect(page.getByRole("tab", { name: "Lifecycle" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("report-title")).toHaveText("Monthly lifecycle");
  await done(page, "tab-lifecycle");

  // dark theme: the heatmap and lifecycle stay legible
  await switchTheme(page, "dark");
  await settle(page);
  await strata.shot("metrics-12-lifecycle-dark");
  await page.getByRole("tab", { name: "Activity by hour" }).click();
  await done(page, "tab-heatmap");
  await settle(page);
  await strata.shot("metrics-13-heatmap-dark");
  await switchTheme(page, "light");

  // RFM: tiles and grid, then a segment from a group
  await go(page, "RFM");
  await done(page, "rfm-body");
  await expect(page.getByTestId("rfm-table").locator("tbody tr")).toHaveCount(10);
  await settle(page);
  await strata.shot("metrics-14-rfm");
  await page.getByTestId("rfm-table").getByRole("checkbox").first().check();
  await page.getByTestId("rfm-create-segment").click();
  await expect(page.getByRole("main")).toHaveAttribute("aria-label", "Segments");
  await expect(page.getByText(/RFM: Champions/).first()).toBeVisible();
  await strata.shot("metrics-15-rfm-segment");

  // save that segment so Compare has two arms (all users + champions)
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page
    .getByRole("dialog", { name: "Save segment" })
    .getByRole("button", { name: "Save", exact: true })
    .click();
  await expect(page.getByRole("dialog", { name: "Save segment" })).toBeHidden();
  await go(page, "Compare");
  await done(page, "compare-view");
  await expect(page.getByTestId("compare-metric").first()).toBeVisible();
  await settle(page);
  await strata.shot("metrics-16-compare");
  await page
    .getByTestId("compare-metric")
    .first()
    .getByRole("button", { name: "Segment", exact: true })
    .last()
    .click();
  await expect(page.getByRole("main")).toHaveAttribute("aria-label", "Segments");

  // churn split by the saved segment
  await go(page, "Engagement");
  await page.getByRole("tab", { name: "Churn" }).click();
  await done(page, "tab-churn");
  await page.getByLabel("Split by saved segments").click();
  await page.getByRole("checkbox", { name: "RFM: Champions" }).check();
  await page.getByLabel("Split by saved segments").click();
  await expect(page.getByText("Churn rate by segment")).toBeVisible();
  await done(page, "tab-churn");
  await settle(page);
  await strata.shot("metrics-17-churn-by-segment");
});
