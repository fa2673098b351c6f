import { expect, type Page, test } from "./harness.ts";
import { go, settle, useLast90Days } from "./steps.ts";

// At the smallest supported window (1024x700) every report view keeps its primary action on screen
// and its charts inside the window.

test.use({ viewport: { width: 1024, height: 700 } });

async function inside(page: Page, what: string, box: { x: number; y: number; width: number } | null) {
  expect(box, `${what} is laid out`).not.toBeNull();
  const vw = page.viewportSize()?.width ?? 1024;
  expect(box?.x ?? -1, `${what} starts on screen`).toBeGreaterThanOrEqual(0);
  expect((box?.x ?? 0) + (box?.width ?? 0), `${what} ends on screen`).toBeLessThanOrEqual(vw);
}

test("1024x700: primary actions visible, charts not clipped", async ({ page, strata }) => {
  await strata.openDemo();
  await useLast90Days(page);
  for (const view of ["Funnels", "Retention", "Engagement", "RFM", "Compare"]) {
    await go(page, view);
    const save = page.getByRole("button", { name: "Save report" }).first();
    await expect(save).toBeVisible();
    await inside(page, `${view}: Save report`, await save.boundingBox());
    await settle(page);
    await strata.shot(`layout-1024-${view.toLowerCase()}`);
  }
  await go(page, "Engagement");
  // every Engagement tab is on screen, none scrolled out of sight
  for (const tab of await page.getByRole("tab").all())
    await inside(page, `tab ${await tab.innerText()}`, await tab.boundingBox());
  // the workspace's user count is not cut under the top bar's controls
  const meta = page.locator(".ws-meta span").nth(1);
  const metaBox = await meta.boundingBox();
  const range = await page.locator(".topbar-controls").boundingBox();
  expect((metaBox?.x ?? 0) + (metaBox?.width ?? 0)).toBeLessThanOrEqual(range?.x ?? 0);
  await page.getByRole("tab", { name: "Adoption" }).click();
  const chart = page.getByTestId("adoption-chart");
  await expect(chart).toBeVisible();
  await expect(page.getByTestId("tab-adoption")).toHaveAttribute("data-phase", "done", { timeout: 60_000 });
  await inside(page, "adoption chart", await chart.boundingBox());
  await settle(page);
  await strata.shot("layout-1024-adoption");
  await go(page, "Segments");
  for (const name of ["Save", "Export"]) {
    const b = page.getByRole("button", { name, exact: true }).first();
    await expect(b).toBeVisible();
    await inside(page, `Segments: ${name}`, await b.boundingBox());
  }
  await strata.shot("layout-1024-segments");
});
