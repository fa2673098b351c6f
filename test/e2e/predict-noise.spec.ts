import path from "node:path";
import { Workspace } from "../../src-main/workspace/workspace.ts";
import type { PropensityResult } from "../../src-preload/contract/predict.ts";
import type { SegmentCountResult } from "../../src-preload/contract/results.ts";
import { writeJourneys } from "../helpers/journeys.ts";
import { AS_OF, planted } from "../main/engine/predict/planted.ts";
import { engineRun } from "./engine-answer.ts";
import { expect, type Page, test } from "./harness.ts";
import { go, settle } from "./steps.ts";

// A workspace whose purchases are coin flips (nothing before the cutoff says who buys after it):
// the Predict view must say in words that the model is no better than the simple rule, show both
// held-out AUCs as the engine computes them, offer no "top N%" segment, and offer the rule's own
// segment instead, whose count is the engine's.

const QUERY = { kind: "propensity", target: { event: "purchase" }, horizon: { value: 14, unit: "day" } };

test("a model of noise is called no better than the rule, and only the rule's segment is offered", async ({
  page,
  strata,
}) => {
  test.setTimeout(180_000);
  const file = path.join(strata.dataDir, "noise.strata");
  const ws = Workspace.create(file);
  writeJourneys(ws, planted(1500, "noise"));
  ws.setSettings({ asOf: { mode: "fixed", date: AS_OF } });
  ws.close();

  await page.goto(strata.bridge.url);
  strata.answerDialog(file);
  await page
    .getByRole("button", { name: /open workspace/i })
    .first()
    .click();
  await expect(page.getByTestId("workspace-name")).toHaveText("noise");
  await go(page, "Predict");
  const body = page.getByTestId("predict-body");
  await expect
    .poll(async () => Number(await body.getAttribute("data-runs")), { timeout: 120_000 })
    .toBeGreaterThan(0);
  await expect(body).toHaveAttribute("data-phase", "done");

  const r = await engineRun<PropensityResult>(page, QUERY);
  // the premise: on noise the engine itself finds no model worth offering
  expect(r.model.beatsBaseline).toBe(false);
  const fmt = (x: number | null) => (x === null ? "–" : x.toFixed(3));
  await expect(page.getByTestId("predict-auc")).toHaveText(fmt(r.model.auc));
  await expect(page.getByTestId("predict-baseline-auc")).toHaveText(fmt(r.model.baselineAuc));
  const verdict = page.getByTestId("predict-verdict");
  await expect(verdict).toContainText("no better than the simple rule");
  await expect(verdict).toContainText(`AUC ${fmt(r.model.auc)} against ${fmt(r.model.baselineAuc)}`);
  await expect(verdict).toContainText("not offered as a segment");
  await expect(verdict).toHaveClass(/is-warning/);
  await expect(page.getByTestId("predict-make-segment")).toHaveCount(0);
  await expect(page.getByTestId("predict-percent")).toHaveCount(0);
  await settle(page);
  await strata.shot("predict-06-noise-no-better");

  await page.getByTestId("predict-baseline-segment").click();
  await expect(page.getByRole("main")).toHaveAttribute("aria-label", "Segments");
  const rule = await engineRun<SegmentCountResult>(page, {
    kind: "segmentCount",
    segment: { performed: { event: "purchase" }, within: { last: 14, unit: "day" } },
  });
  const badge = page.getByTestId("segment-count");
  await expect
    .poll(async () => Number(await badge.getAttribute("data-users")), { timeout: 60_000 })
    .toBe(rule.users);
  await expect(badge).toHaveAttribute("aria-busy", "false");
});
