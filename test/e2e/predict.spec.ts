import type { BestSendTimeResult, PropensityResult } from "../../src-preload/contract/predict.ts";
import { engineRun } from "./engine-answer.ts";
import { expect, type Page, test } from "./harness.ts";
import { go, settle } from "./steps.ts";

// The Predict view on the demo: the model card's numbers are the engine's answer to the same query
// (asked here through the same bridge), the one-click segment counts the top N%, and the heatmap of
// best send hours adds up to the users of the segment.

const QUERY = { kind: "propensity", target: { event: "purchase" }, horizon: { value: 14, unit: "day" } };

test("the model card shows the engine's numbers, and the top 10% becomes a segment", async ({
  page,
  strata,
}) => {
  test.setTimeout(180_000);
  await strata.openDemo();
  await go(page, "Predict");
  const body = page.getByTestId("predict-body");
  await expect
    .poll(async () => Number(await body.getAttribute("data-runs")), { timeout: 120_000 })
    .toBeGreaterThan(0);
  await expect(body).toHaveAttribute("data-phase", "done");
  const r = await engineRun<PropensityResult>(page, QUERY);
  const fmt = (x: number | null) => (x === null ? "–" : x.toFixed(3));
  await expect(page.getByTestId("predict-auc")).toHaveText(fmt(r.model.auc));
  await expect(page.getByTestId("predict-baseline-auc")).toHaveText(fmt(r.model.baselineAuc));
  const num = async (id: string) =>
    Number(((await page.getByTestId(id).textContent()) ?? "").replace(/[^\d]/g, ""));
  expect(await num("predict-trained")).toBe(r.model.trainedOn);
  expect(await num("predict-tested")).toBe(r.model.testedOn);
  const rows = page.getByTestId("predict-deciles").locator("tbody tr");
  await expect(rows).toHaveCount(10);
  for (let k = 0; k < 10; k++) {
    const users = Number(
      ((await rows.nth(k).locator("td").first().textContent()) ?? "").replace(/[^\d]/g, ""),
    );
    expect(users).toBe(r.deciles[k]?.users);
  }
  await settle(page);
  await strata.shot("predict-01-model-card");
  await page.getByTestId("predict-gains").scrollIntoViewIfNeeded();
  await settle(page);
  await strata.shot("predict-02-gains-deciles");

  const verdict = page.getByTestId("predict-verdict");
  if (r.model.beatsBaseline) {
    await expect(verdict).toContainText("better than the rule");
    await page.getByTestId("predict-make-segment").click();
    await expect(page.getByRole("main")).toHaveAttribute("aria-label", "Segments");
    const badge = page.getByTestId("segment-count");
    await expect(badge).toHaveAttribute("aria-busy", "false", { timeout: 120_000 });
    const scored = r.deciles.reduce((s, d) => s + d.users, 0);
    await expect
      .poll(async () => Number(await badge.getAttribute("data-users")), { timeout: 120_000 })
      .toBe(Math.ceil(scored / 10));
    await settle(page);
    await strata.shot("predict-03-top-segment");

    // the export dialog offers the computed columns; the preview's values are the engine's
    await page.getByRole("button", { name: "Export", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: /^Export/ });
    const columns = dialog.getByTestId("export-computed-columns");
    await expect(columns.getByRole("checkbox")).toHaveCount(3);
    await columns.getByLabel(/Best local send hour/).check();
    await columns.getByLabel(/Propensity score/).check();
    const preview = dialog.locator(".export-preview-table");
    await expect(preview.locator("th")).toContainText(["$bestSendHour", "$propensityScore"], {
      timeout: 60_000,
    });
    const header = (await preview.locator("th").allTextContents()).map((t) => t.trim());
    const first = (await preview.locator("tbody tr").first().locator("td, th").allTextContents()).map((t) =>
      t.trim(),
    );
    const id = first[header.indexOf("external_id")] as string;
    const members = await engineRun<{ rows: { userId: string; attributes: Record<string, unknown> }[] }>(
      page,
      {
        kind: "segmentMembers",
        segment: { propensity: QUERY, topPercent: 10 },
        attributes: ["$bestSendHour"],
        limit: 100_000,
      },
    );
    const row = members.rows.find((m) => m.userId === id);
    expect(row).toBeDefined();
    expect(first[header.indexOf("$bestSendHour")]).toBe(String(row?.attributes.$bestSendHour));
    const score = Number(first[header.indexOf("$propensityScore")]);
    expect(score).toBeGreaterThanOrEqual((r.deciles[0] as { minScore: number }).minScore - 1e-12);
    await settle(page);
    await strata.shot("predict-05-export-columns");
  } else {
    await expect(verdict).toContainText("no better than");
    await expect(page.getByTestId("predict-make-segment")).toHaveCount(0);
  }
});

test("the best send time heatmap adds up to the engine's answer", async ({ page, strata }) => {
  test.setTimeout(120_000);
  await strata.openDemo();
  await go(page, "Predict");
  const panel = page.getByTestId("send-time");
  await expect
    .poll(async () => Number(await panel.getAttribute("data-runs")), { timeout: 90_000 })
    .toBeGreaterThan(0);
  const r = await engineRun<BestSendTimeResult>(page, { kind: "bestSendTime" });
  let peak = 0;
  r.hours.forEach((v, h) => {
    if (v > (r.hours[peak] as number)) peak = h;
  });
  await expect(page.getByTestId("send-time-peak")).toHaveText(`${String(peak).padStart(2, "0")}:00`);
  await expect(page.getByTestId("send-time-note")).toContainText(`${r.users.toLocaleString("en-US")} users`);
  await panel.scrollIntoViewIfNeeded();
  await settle(page);
  await strata.shot("predict-04-send-time");
});
