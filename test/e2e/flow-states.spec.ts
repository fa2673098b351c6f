import type { SegmentFlowQuery, SegmentFlowResult } from "../../src-preload/contract/paths.ts";
import { engineAnswer, num } from "./engine-answer.ts";
import { expect, type Page, test } from "./harness.ts";
import { answeredAfter, go, runsOf, settle, useLast90Days } from "./steps.ts";

// Segment-flow states built in the Flows view with the segment builder's blocks: the query carries
// the inline definition, states reorder and go away, an inline state can be saved as a segment, and
// every number in the counts table and the matrices is the engine's answer to the view's query.

const queryOf = async (page: Page) =>
  JSON.parse((await page.getByTestId("flow-view").getAttribute("data-query")) || "null") as SegmentFlowQuery;

async function tablesMatch(page: Page, r: SegmentFlowResult) {
  const counts = page.getByTestId("flow-counts");
  for (let k = 0; k < r.states.length; k++)
    for (let i = 0; i < r.at.length; i++) {
      const cell = counts.locator(`tbody tr[data-state="${r.states[k]}"] td[data-at="${r.at[i]}"]`);
      expect(num(await cell.textContent())).toBe(r.counts[i]?.[k]);
    }
  const matrices = page.getByTestId("flow-matrix");
  await expect(matrices).toHaveCount(r.transitions.length);
  for (const [j, t] of r.transitions.entries()) {
    const m = matrices.nth(j);
    await expect(m).toHaveAttribute("data-from", t.from);
    for (let x = 0; x < r.states.length; x++)
      for (let y = 0; y < r.states.length; y++) {
        const cell = m.locator(`tbody tr[data-state="${r.states[x]}"] td[data-to="${r.states[y]}"]`);
        expect(num(await cell.textContent())).toBe(t.matrix[x]?.[y]);
      }
  }
}

/** Waits until the view has answered the query whose states have these labels, in this order. */
async function answeredWith(page: Page, labels: string[]) {
  await expect.poll(async () => (await queryOf(page))?.states.map((s) => s.label)).toEqual(labels);
  await expect(page.getByTestId("flow-view")).toHaveAttribute("data-phase", "done");
}

test("segment flow: a state built inline, reordered and saved; the tables are the engine's", async ({
  page,
  strata,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await strata.openDemo();
  await useLast90Days(page);
  await go(page, "Flows");
  await answeredAfter(page, "flow-view", 0);
  await page.getByRole("button", { name: "Monthly" }).click();
  await expect.poll(async () => (await queryOf(page))?.at).toMatchObject({ every: "month" });
  const presets = (await queryOf(page)).states.map((s) => s.label);
  expect(presets).toEqual(["Dormant", "Champion", "Engaged", "Activated", "New"]);

  // build "Buyers": did purchase, counted 2+ times, in the builder's default window
  await page.getByRole("button", { name: "Build a state" }).click();
  const dialog = page.getByRole("dialog", { name: "Build a state" });
  await dialog.getByRole("textbox", { name: "State name" }).fill("Buyers");
  await dialog.getByRole("button", { name: "Add condition" }).click();
  await dialog.getByRole("menuitem", { name: /^Did event/ }).click();
  await dialog.getByRole("button", { name: /^Event:/ }).click();
  await page.keyboard.type("purchase");
  await page.keyboard.press("Enter");
  await dialog.getByRole("combobox", { name: "Did or did not" }).selectOption("count");
  await expect(dialog.getByTestId("flow-state-summary")).toContainText("purchase");
  const badge = dialog.getByTestId("segment-count");
  await expect(badge).toHaveAttribute("aria-busy", "false");
  await expect.poll(async () => num(await badge.getAttribute("data-users"))).toBeGreaterThan(0);
  await settle(page);
  await strata.shot("flow-04-build-state");
  // a taken name is refused before the query could be
  await dialog.getByRole("textbox", { name: "State name" }).fill("Dormant");
  await expect(dialog.getByRole("alert")).toContainText("already");
  await expect(dialog.getByRole("button", { name: "Apply" })).toBeDisabled();
  await dialog.getByRole("textbox", { name: "State name" }).fill("Buyers");
  await dialog.getByRole("button", { name: "Apply" }).click();
  await expect(dialog).toBeHidden();
  await answeredWith(page, [...presets, "Buyers"]);
  const inline = (await queryOf(page)).states[5]?.segment;
  expect(inline).toMatchObject({
    all: [{ performed: { event: "purchase" }, count: { op: "gte", value: 2 } }],
  });

  // first in priority, and without "Activated"
  for (let i = 0; i < 5; i++) await page.getByRole("button", { name: "Move Buyers up" }).click();
  await page.getByRole("button", { name: "Remove Activated" }).click();
  const order = ["Buyers", "Dormant", "Champion", "Engaged", "New"];
  await answeredWith(page, order);
  const r = await engineAnswer<SegmentFlowResult>(strata, page, "flow-view");
  expect(r.states).toEqual([...order, "$none", "$notYet"]);
  expect(r.counts.reduce((a, c) => a + (c[0] ?? 0), 0)).toBeGreaterThan(0);
  await tablesMatch(page, r);
  await page.getByTestId("flow-view").evaluate((el) => el.closest("main")?.scrollTo(0, 0));
  await settle(page);
  await strata.shot("flow-05-inline-state");

  // saved as a segment, the state refers to it and the numbers do not move
  await page.getByRole("button", { name: "Edit Buyers" }).click();
  const edit = page.getByRole("dialog", { name: "Edit state “Buyers”" });
  await edit.getByRole("button", { name: "Save as segment…" }).click();
  const naming = page.getByRole("dialog", { name: "Save state as a segment" });
  // Esc closes the name dialog only, the state's editor stays open
  await expect(naming).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(naming).toBeHidden();
  await expect(edit).toBeVisible();
  await edit.getByRole("button", { name: "Save as segment…" }).click();
  await naming.getByRole("textbox").fill("Repeat buyers");
  const before = await runsOf(page, "flow-view");
  await naming.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await answeredAfter(page, "flow-view", before);
  const first = (await queryOf(page)).states[0];
  expect(first?.label).toBe("Buyers");
  const ref = first && "inSegment" in first.segment ? first.segment.inSegment : "";
  expect(ref).not.toBe("");
  await expect(page.getByRole("combobox", { name: "State 1 segment" })).toHaveValue(ref);
  const again = await engineAnswer<SegmentFlowResult>(strata, page, "flow-view");
  expect(again).toEqual(r);
  await tablesMatch(page, again);
});
