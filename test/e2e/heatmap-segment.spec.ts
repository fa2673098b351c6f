import { expect, type Page, test } from "./harness.ts";
import { go, settle, useLast90Days } from "./steps.ts";

// "Create segment from this" on the activity heatmap: a cell (weekday x hour) becomes a segment of
// the users active in it, through the virtual $weekday / $hour event properties.

async function answered(page: Page, testId: string) {
  const el = page.getByTestId(testId);
  await expect
    .poll(async () => Number(await el.getAttribute("data-runs")), { timeout: 60_000 })
    .toBeGreaterThan(0);
  await expect(el).toHaveAttribute("data-phase", "done");
}

/** Clicks the centre of cell (weekday row 0-6, hour 0-23) of the heatmap's plot area. */
async function clickCell(page: Page, row: number, hour: number) {
  // the mouse, not a locator click: ECharts stacks its own layers over the canvas
  const canvas = page.getByTestId("heatmap-chart").locator("canvas").first();
  const box = await canvas.boundingBox();
  if (!box) throw new Error("heatmap canvas has no box");
  // grid: 8 px margins, weekday labels on the left (about 40 px), hour labels and axis name below
  const left = 48;
  const top = 8;
  const width = box.width - left - 8;
  const height = box.height - top - 56;
  await page.mouse.click(
    box.x + left + ((hour + 0.5) * width) / 24,
    box.y + top + ((row + 0.5) * height) / 7,
  );
}

test("a heatmap cell becomes a segment of the users active in it", async ({ page, strata }) => {
  await strata.openDemo();
  await useLast90Days(page);
  await go(page, "Engagement");
  await page.getByRole("tab", { name: "Activity by hour" }).click();
  await answered(page, "tab-heatmap");
  await expect(page.getByTestId("heatmap-segment")).toContainText("Click a cell");
  // the Users measure: the cell's tooltip then gives the number the segment must count
  const runs = Number(await page.getByTestId("tab-heatmap").getAttribute("data-runs"));
  await page.getByRole("button", { name: "Users", exact: true }).click();
  await expect
    .poll(async () => Number(await page.getByTestId("tab-heatmap").getAttribute("data-runs")))
    .toBeGreaterThan(runs);
  await answered(page, "tab-heatmap");

  await clickCell(page, 1, 14); // Tuesday, 14:00-15:00
  const tip = page.getByTestId("heatmap-chart").getByText(/^Tue 14:00–14:59/);
  await expect(tip).toBeVisible();
  const cellUsers = Number(
    /14:59([\d,]+) users/.exec((await tip.textContent()) ?? "")?.[1]?.replace(/,/g, ""),
  );
  expect(cellUsers).toBeGreaterThan(0);
  const offer = page.getByTestId("heatmap-segment").getByRole("button");
  await expect(offer).toHaveText(/^Create segment: users (active|doing .+) on Tuesday 14:00–15:00$/);
  await settle(page);
  await strata.shot("metrics-heatmap-cell-picked");
  await offer.click();

  await expect(page.getByRole("main")).toHaveAttribute("aria-label", "Segments");
  await expect(page.getByText(/on Tuesday at 14:00–15:00/).first()).toBeVisible();
  const badge = page.getByTestId("segment-count");
  await expect(badge).toHaveAttribute("aria-busy", "false");
  await expect.poll(async () => Number(await badge.getAttribute("data-users"))).toBe(cellUsers);
  await settle(page);
  await strata.shot("metrics-heatmap-segment");
});

test("a lifecycle bar becomes a segment of those users", async ({ page, strata }) => {
  await strata.openDemo();
  await useLast90Days(page);
  await go(page, "Engagement");
  await page.getByRole("tab", { name: "Lifecycle" }).click();
  await answered(page, "tab-lifecycle");
  const offer = page.getByTestId("lifecycle-segment").getByRole("button");
  // bars are drawn on a canvas: walk up a few columns from the bottom (dormant, below zero) until
  // a click lands on a bar
  const box = await page.getByTestId("lifecycle-chart").locator("canvas").first().boundingBox();
  if (!box) throw new Error("lifecycle canvas has no box");
  hunt: for (let fx = 0.7; fx <= 0.8; fx += 0.01) {
    for (let fy = 0.95; fy >= 0.25; fy -= 0.02) {
      await page.mouse.click(box.x + fx * box.width, box.y + fy * box.height);
      if ((await offer.count()) > 0) break hunt;
    }
  }
  await expect(offer).toHaveText(
    /^Create segment: (new|returning|resurrecting|dormant) users in week of [A-Z][a-z]{2} \d{1,2}$/,
  );
  const status = /: (\w+) users/.exec((await offer.textContent()) ?? "")?.[1] ?? "";
  const label = `${status.charAt(0).toUpperCase()}${status.slice(1)}`;
  // the axis tooltip (in the chart's box) lists every status of the clicked period
  await expect(page.getByTestId("lifecycle-chart").getByText(/^Week of/)).toBeVisible();
  const tip = (await page.getByTestId("lifecycle-chart").textContent()) ?? "";
  const barUsers = Number(new RegExp(`${label}: ([\\d,]+)`).exec(tip)?.[1]?.replace(/,/g, ""));
  expect(barUsers).toBeGreaterThan(0);
  await settle(page);
  await strata.shot("metrics-lifecycle-bar-picked");
  await offer.click();

  await expect(page.getByRole("main")).toHaveAttribute("aria-label", "Segments");
  const badge = page.getByTestId("segment-count");
  await expect(badge).toHaveAttribute("aria-busy", "false");
  // dormant and returning do not depend on an imported created_at, so they match the bar exactly
  if (status === "dormant" || status === "returning")
    await expect.poll(async () => Number(await badge.getAttribute("data-users"))).toBe(barUsers);
  else await expect.poll(async () => Number(await badge.getAttribute("data-users"))).toBeGreaterThan(0);
  await settle(page);
  await strata.shot("metrics-lifecycle-segment");
});
