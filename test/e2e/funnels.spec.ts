import { expect, type Page, test } from "./harness.ts";
import { answeredAfter, go, runsOf, settle, switchTheme, useLast90Days } from "./steps.ts";

// Funnels: build a funnel on the demo, reorder by keyboard, break it down, create a segment from a
// drop-off, save it as a report and reopen it. Screenshots of each step land in test-results/screenshots.

/** Waits until the funnel view has received more answers than `before`. */
const answered = (page: Page, before: number) => answeredAfter(page, "funnels-view", before);
const runs = (page: Page) => runsOf(page, "funnels-view");

test("build a funnel, break it down, segment the drop-off, save the report", async ({ page, strata }) => {
  await strata.openDemo();
  await useLast90Days(page);
  await go(page, "Funnels");

  const view = page.getByTestId("funnels-view");
  await answered(page, 0);
  // the default funnel is the shopping path
  await expect(page.getByLabel("Step 1 event")).toHaveValue("view_item");
  await expect(page.getByLabel("Step 2 event")).toHaveValue("add_to_cart");
  const table = page.getByTestId("funnel-table");
  await expect(table.locator("tbody tr")).toHaveCount(4);
  const firstCount = await table.locator("tbody tr").first().locator("td").first().textContent();
  expect(Number((firstCount ?? "").replace(/,/g, ""))).toBeGreaterThan(0);
  await expect(page.getByTestId("funnel-overall")).toContainText("%");
  await settle(page);
  await strata.shot("funnels-01-default");
  // time to convert: the engine's histogram for the last transition
  await page.getByTestId("funnel-ttc").scrollIntoViewIfNeeded();
  await expect(page.getByTestId("funnel-ttc").getByLabel("Transition")).toBeVisible();
  await settle(page);
  await strata.shot("funnels-01b-time-to-convert");
  await page.getByTestId("funnels-view").evaluate((el) => el.closest("main")?.scrollTo(0, 0));

  // keyboard reorder: step 3's handle, Alt+Up, moves checkout_started above add_to_cart
  let before = await runs(page);
  await page.getByRole("button", { name: /^Step 3: drag/ }).focus();
  await page.keyboard.press("Alt+ArrowUp");
  await expect(page.getByLabel("Step 2 event")).toHaveValue("checkout_started");
  await answered(page, before);
  await settle(page);
  await strata.shot("funnels-02-reordered");
  before = await runs(page);
  await page.getByRole("button", { name: /^Step 2: drag/ }).focus();
  await page.keyboard.press("Alt+ArrowDown");
  await expect(page.getByLabel("Step 2 event")).toHaveValue("add_to_cart");
  await answered(page, before);

  // mouse drag: step 4 (purchase) dropped on step 1 moves to the top, and back
  before = await runs(page);
  await page.getByRole("button", { name: /^Step 4: drag/ }).dragTo(page.getByTestId("funnel-step-0"));
  await expect(page.getByLabel("Step 1 event")).toHaveValue("purchase");
  await answered(page, before);
  before = await runs(page);
  await page.getByRole("button", { name: /^Step 1: drag/ }).dragTo(page.getByTestId("funnel-step-3"));
  await expect(page.getByLabel("Step 4 event")).toHaveValue("purchase");
  await expect(page.getByLabel("Step 1 event")).toHaveValue("view_item");
  await answered(page, before);

  // redraw time: from the click on an order mode to the chart repainted with the new answer
  const timings: number[] = [];
  for (const mode of ["Strict", "In order", "Any order", "In order"]) {
    before = await runs(page);
    const ms = await page.evaluate(
      async ({ mode, before }) => {
        const v = document.querySelector('[data-testid="funnels-view"]');
        const btn = [...document.querySelectorAll("fieldset.segmented button")].find(
          (b) => b.textContent === mode,
        ) as HTMLButtonElement | undefined;
        if (!v || !btn) throw new Error(`no ${mode} button`);
        const t0 = performance.now();
        btn.click();
        await new Promise<void>((resolve) => {
          const check = () => {
            if (Number(v.getAttribute("data-runs")) > before) resolve();
            else requestAnimationFrame(check);
          };
          check();
        });
        // two frames: React commits, ECharts paints
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return performance.now() - t0;
      },
      { mode, before },
    );
    timings.push(ms);
  }
  const queryMs = Number(await view.getAttribute("data-ms"));
  console.log(
    `funnel redraw (click -> repaint, includes the 80 ms edit debounce): ${timings.map((t) => t.toFixed(0)).join(", ")} ms; last query round trip ${queryMs.toFixed(0)} ms`,
  );

  // a property filter on a step: an unfinished one does not break the funnel
  await page.getByRole("button", { name: "Add a filter to step 4" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await settle(page);
  await strata.shot("funnels-02a-step-filter");

  // an exclusion between step 1 and step 4 (users who opened a push in between are left out)
  before = await runs(page);
  await page.getByRole("button", { name: "+ Exclude an event" }).click();
  await page.getByLabel("Exclusion 1 event").selectOption("push_opened");
  await answered(page, before);
  await expect(page.getByRole("alert")).toHaveCount(0);
  await settle(page);
  await strata.shot("funnels-02b-exclusion");
  before = await runs(page);
  await page.getByRole("button", { name: "Remove exclusion 1" }).click();
  await answered(page, before);

  // breakdown by a user attribute: grouped bars and a table
  before = await runs(page);
  await page.getByTestId("funnel-breakdown").selectOption({ label: "acquisition_channel" });
  await answered(page, before);
  await expect(page.getByTestId("funnel-breakdown-table").locator("tbody tr").first()).toBeVisible();
  await page.getByTestId("funnel-breakdown-table").scrollIntoViewIfNeeded();
  await settle(page);
  await strata.shot("funnels-03-breakdown");

  // click a bar: the selection strip offers segments
  const chart = page.getByTestId("funnel-chart");
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  if (!box) throw new Error("no chart box");
  // second step row, left part of the bar (bars start after the axis labels)
  await page.mouse.click(box.x + box.width * 0.35, box.y + 28 + ((box.height - 64) / 4) * 1.5);
  await expect(page.getByTestId("funnel-selection")).toContainText("Step 2");
  await settle(page);
  await strata.shot("funnels-04-selected-step");

  // save as a report
  await page.getByRole("button", { name: "Save report" }).click();
  await page.getByLabel("Report name").fill("Shopping funnel");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("report-title")).toHaveText("Shopping funnel");

  // segment from the users who dropped after step 1 (viewed an item, never added to cart)
  await page.getByTestId("segment-dropped-0").click();
  await expect(page.getByRole("main")).toHaveAttribute("aria-label", "Segments");
  await expect(page.getByText(/Dropped after view_item/).first()).toBeVisible();
  await settle(page);
  await strata.shot("funnels-05-segment-from-dropoff");

  // the saved report is listed and reopens with its steps
  await page
    .getByRole("navigation", { name: "Views" })
    .getByRole("button", { name: "Shopping funnel", exact: true })
    .click();
  await expect(page.getByRole("main")).toHaveAttribute("aria-label", "Funnels");
  await expect(page.getByTestId("report-title")).toHaveText("Shopping funnel");
  await expect(page.getByTestId("funnel-breakdown")).toHaveValue("user:acquisition_channel");
  await answered(page, 0);
  await settle(page);
  await strata.shot("funnels-06-report-reopened");

  // dark theme: bars, hatching and labels stay legible
  await switchTheme(page, "dark");
  await settle(page);
  await strata.shot("funnels-07-dark");
});
