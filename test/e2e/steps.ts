import { expect, type Page } from "./harness.ts";

// Steps the view specs share, so each spec reads as its scenario rather than its setup.

/** Switches the app theme with the sidebar toggle (system -> dark -> light -> ...). */
export async function switchTheme(page: Page, want: "dark" | "light") {
  for (let i = 0; i < 3; i++) {
    if ((await page.getByRole("button", { name: new RegExp(`^Theme: ${want}`, "i") }).count()) > 0) break;
    await page.getByRole("button", { name: /^Theme:/ }).click();
  }
  await expect(page.locator("html")).toHaveAttribute("data-theme", want);
}

/** Chart animations finish before a screenshot (the harness only stops CSS animations). */
export async function settle(page: Page) {
  await page.waitForTimeout(450);
}

/** Opens a view from the sidebar and waits until it is the main region. */
export async function go(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Views" }).getByRole("button", { name, exact: true }).click();
  await expect(page.getByRole("main")).toHaveAttribute("aria-label", name);
}

/** The demo spans months: a wide range gives every view enough users. */
export async function useLast90Days(page: Page) {
  await page
    .getByRole("button", { name: /last \d+ days|custom/i })
    .first()
    .click();
  await page
    .getByRole("dialog", { name: "Date range" })
    .getByRole("button", { name: "Last 90 days" })
    .click();
}

/** How many answers the view with this test id has received. */
export async function runsOf(page: Page, testId: string): Promise<number> {
  return Number(await page.getByTestId(testId).getAttribute("data-runs"));
}

/** Waits until the view with this test id has received more answers than `before`. */
export async function answeredAfter(page: Page, testId: string, before: number) {
  const view = page.getByTestId(testId);
  await expect.poll(async () => Number(await view.getAttribute("data-runs"))).toBeGreaterThan(before);
  await expect(view).toHaveAttribute("data-phase", "done");
}
