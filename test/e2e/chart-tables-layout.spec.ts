import { expect, type Page, test } from "./harness.ts";
import { go, settle, useLast90Days } from "./steps.ts";

// The chart-only tabs with their "Show as table" open, at the smallest window (1024x700) and a large
// one (1920x1080): charts, toggles and tables stay inside the window (a wide table scrolls in its own
// box), the Save report action stays on screen.

const TABS = [
  ["Lifecycle", "tab-lifecycle", "lifecycle-table"],
  ["Stickiness", "tab-stickiness", "stickiness-table"],
  ["Activity by hour", "tab-heatmap", "heatmap-table"],
  ["Surveys", "tab-surveys", "survey-table"],
] as const;

async function inside(page: Page, what: string, box: { x: number; width: number } | null) {
  expect(box, `${what} is laid out`).not.toBeNull();
  const vw = page.viewportSize()?.width ?? 0;
  expect(box?.x ?? -1, `${what} starts on screen`).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? 0), `${what} ends on screen`).toBeLessThanOrEqual(vw);
}

for (const [w, h] of [
  [1024, 700],
  [1920, 1080],
] as const) {
  test(`chart tables at ${w}x${h}`, async ({ page, strata }) => {
    await page.setViewportSize({ width: w, height: h });
    await strata.openDemo();
    await useLast90Days(page);
    await go(page, "Engagement");
    for (const [label, tab, table] of TABS) {
      await page.getByRole("tab", { name: label }).click();
      const body = page.getByTestId(tab);
      await expect
        .poll(async () => Number(await body.getAttribute("data-runs")), { timeout: 60_000 })
        .toBeGreaterThan(0);
      await expect(body).toHaveAttribute("data-phase", "done");
      const t = body.getByTestId(table);
      await t.locator("summary").click();
      await expect(t.locator("tbody tr").first()).toBeVisible();
      await inside(
        page,
        `${label}: Save report`,
        await page.getByRole("button", { name: "Save report" }).boundingBox(),
      );
      await inside(page, `${label}: chart`, await body.locator(".chart").first().boundingBox());
      await inside(page, `${label}: table box`, await t.locator(".av-table-wrap").boundingBox());
      await t.scrollIntoViewIfNeeded();
      await settle(page);
      await strata.shot(`tables-${w}-${tab.replace("tab-", "")}`);
    }
  });
}
