import type { PathsResult, SegmentFlowResult } from "../../src-preload/contract/paths.ts";
import { engineAnswer, num } from "./engine-answer.ts";
import { expect, type Page, test } from "./harness.ts";
import { answeredAfter, go, runsOf, settle, switchTheme, useLast90Days } from "./steps.ts";

// Paths and segment flow on the demo: the numbers on screen are the engine's answer to the query the
// view ran (asked again here through the same API), and a click on a step or a matrix cell becomes a
// segment of exactly that many users.

async function tableMatchesPaths(page: Page, r: PathsResult) {
  const rows = page.getByTestId("paths-table").locator("tbody tr");
  await expect(rows).toHaveCount(r.nodes.length);
  for (let i = 0; i < r.nodes.length; i++) {
    const n = r.nodes[i] as PathsResult["nodes"][number];
    const row = rows.nth(i);
    await expect(row).toHaveAttribute("data-step", String(n.step));
    await expect(row).toHaveAttribute("data-event", n.event);
    expect(num(await row.locator('[data-col="users"]').textContent())).toBe(n.users);
    const drop = r.dropOff.find((d) => d.step === n.step && d.event === n.event)?.users ?? 0;
    expect(num(await row.locator('[data-col="dropped"]').textContent())).toBe(drop);
  }
}

test("paths: the sankey's table is the engine's answer; a step becomes a segment", async ({
  page,
  strata,
}) => {
  await strata.openDemo();
  await useLast90Days(page);
  await go(page, "Paths");
  await answeredAfter(page, "paths-view", 0);
  let r = await engineAnswer<PathsResult>(strata, page, "paths-view");
  expect(r.nodes.length).toBeGreaterThan(3);
  await tableMatchesPaths(page, r);
  await expect(page.getByTestId("paths-starters")).toContainText(
    r.nodes
      .filter((n) => n.step === 0)
      .reduce((a, n) => a + n.users, 0)
      .toLocaleString("en-US"),
  );
  await settle(page);
  await strata.shot("paths-01-after-add-to-cart");
  // hover the middle of the chart: the tooltip names users and share of the step
  const box = await page.getByTestId("paths-chart").boundingBox();
  if (box) await page.mouse.move(box.x + 12, box.y + box.height / 2);
  await settle(page);
  await strata.shot("paths-02-hover");

  // backward from purchase, 4 steps, repeats kept
  let before = await runsOf(page, "paths-view");
  await page.getByRole("button", { name: "Before event" }).click();
  await page.getByTestId("paths-anchor").selectOption("purchase");
  await page.getByRole("spinbutton", { name: "Steps" }).fill("4");
  await page.getByLabel("Collapse repeats").uncheck();
  // the view answers each edit in turn: wait for the answer to the last one (every edit applied)
  await expect
    .poll(async () => {
      const q = JSON.parse((await page.getByTestId("paths-view").getAttribute("data-query")) || "{}");
      return { end: q.end?.event, depth: q.depth, collapseRepeats: q.collapseRepeats };
    })
    .toEqual({ end: "purchase", depth: 4, collapseRepeats: false });
  await answeredAfter(page, "paths-view", before);
  r = await engineAnswer<PathsResult>(strata, page, "paths-view");
  expect(r.direction).toBe("backward");
  await tableMatchesPaths(page, r);
  await settle(page);
  await strata.shot("paths-03-before-purchase");

  await switchTheme(page, "dark");
  await settle(page);
  await strata.shot("paths-04-dark");
  await switchTheme(page, "light");

  // a step-1 node as a segment: the builder counts the same users
  const target = r.nodes.find((n) => n.step === 1) as PathsResult["nodes"][number];
  before = await runsOf(page, "paths-view");
  await page
    .getByTestId("paths-table")
    .locator(`tbody tr[data-step="1"][data-event="${target.event}"]`)
    .getByRole("button", { name: "Segment" })
    .click();
  await expect(page.getByRole("main")).toHaveAttribute("aria-label", "Segments");
  await expect(page.getByTestId("segment-count")).toHaveAttribute("data-users", String(target.users));
  await expect(page.getByText(/took the path/).first()).toBeVisible();
  await settle(page);
  await strata.shot("paths-05-segment");
});

test("segment flow: counts and matrices are the engine's; a cell becomes a segment", async ({
  page,
  strata,
}) => {
  await strata.openDemo();
  await useLast90Days(page);
  await go(page, "Flows");
  await answeredAfter(page, "flow-view", 0);
  await page.getByRole("button", { name: "Monthly" }).click();
  await expect
    .poll(
      async () =>
        JSON.parse((await page.getByTestId("flow-view").getAttribute("data-query")) || "{}").at?.every,
    )
    .toBe("month");
  await expect(page.getByTestId("flow-view")).toHaveAttribute("data-phase", "done");
  const r = await engineAnswer<SegmentFlowResult>(strata, page, "flow-view");
  expect(r.states.slice(0, 5)).toEqual(["Dormant", "Champion", "Engaged", "Activated", "New"]);
  expect(r.at.length).toBeGreaterThanOrEqual(3);
  const counts = page.getByTestId("flow-counts");
  for (let k = 0; k < r.states.length; k++)
    for (let i = 0; i < r.at.length; i++) {
      const cell = counts.locator(`tbody tr[data-state="${r.states[k]}"] td[data-at="${r.at[i]}"]`);
      expect(num(await cell.textContent())).toBe(r.counts[i]?.[k]);
    }
  const matrices = page.getByTestId("flow-matrix");
  await expect(matrices).toHaveCount(r.transitions.length);
  const t = r.transitions[r.transitions.length - 1] as SegmentFlowResult["transitions"][number];
  const m = matrices.last();
  for (let x = 0; x < r.states.length; x++)
    for (let y = 0; y < r.states.length; y++) {
      const cell = m.locator(`tbody tr[data-state="${r.states[x]}"] td[data-to="${r.states[y]}"]`);
      expect(num(await cell.textContent())).toBe(t.matrix[x]?.[y]);
    }
  await page.getByTestId("flow-view").evaluate((el) => el.closest("main")?.scrollTo(0, 0));
  await settle(page);
  await strata.shot("flow-01-milestones-monthly");
  await m.scrollIntoViewIfNeeded();
  await strata.shot("flow-02-matrix");

  // the biggest move between two different states, as a segment
  let best = { x: 0, y: 1, n: -1 };
  t.matrix.forEach((row, x) => {
    row.forEach((n, y) => {
      if (x !== y && n > best.n) best = { x, y, n };
    });
  });
  expect(best.n).toBeGreaterThan(0);
  await m
    .locator(`tbody tr[data-state="${r.states[best.x]}"] td[data-to="${r.states[best.y]}"]`)
    .getByRole("button")
    .click();
  await expect(page.getByRole("main")).toHaveAttribute("aria-label", "Segments");
  await expect(page.getByTestId("segment-count")).toHaveAttribute("data-users", String(best.n));
  await settle(page);
  await strata.shot("flow-03-segment-from-band");
});
