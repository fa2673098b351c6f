import path from "node:path";
import type { Locator } from "@playwright/test";
import {
  isQueryOf,
  type Query,
  type QueryKind,
  type QueryOf,
  type ResultOf,
} from "../../src-preload/contract/query-kinds.ts";
import { expect, type Page, test } from "./harness.ts";
import { go, settle, useLast90Days } from "./steps.ts";

// Every report view: the numbers ON SCREEN equal the engine's answer to the query the view ran (the
// bridge records each view's query; the test asks the real main process the same question). Then
// the per-workspace state: a draft of workspace A does not show in a new workspace B, and A gets it
// back.

/** The first number in a cell ("13,780 (75.2%)" -> 13780; "–" is none: 0). */
const int = (s: string) =>
  s.trim() === "–" ? 0 : Number((s.match(/-?[\d,]+(\.\d+)?/)?.[0] ?? "NaN").replace(/,/g, ""));
const fmt = (n: number) => new Intl.NumberFormat("en-US").format(n);

async function done(page: Page, testId: string) {
  const el = page.getByTestId(testId);
  await expect
    .poll(async () => Number(await el.getAttribute("data-runs")), { timeout: 60_000 })
    .toBeGreaterThan(0);
  await expect(el).toHaveAttribute("data-phase", "done");
}

/** The numbers of one column of a table's body rows (the rows rendered). */
async function column(table: Locator, col: number, max = 12): Promise<number[]> {
  const rows = table.locator("tbody tr");
  const n = Math.min(max, await rows.count());
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(int(await rows.nth(i).locator("th, td").nth(col).innerText()));
  return out;
}

/** Every body row's cells (row header included) as text, in one round trip. */
async function cells(table: Locator): Promise<string[][]> {
  return table
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll("th, td"), (c) => c.textContent ?? "")),
    );
}

/** Opens a chart's "Show as table" and returns its body rows' numbers (row header left out). */
async function chartTable(scope: Locator, testId: string): Promise<number[][]> {
  const t = scope.getByTestId(testId);
  await t.locator("summary").click();
  await expect(t.locator("tbody tr").first()).toBeVisible();
  return (await cells(t.locator("table"))).map((row) => row.slice(1).map(int));
}

async function kpi(scope: Locator, label: string | RegExp): Promise<string> {
  return scope.locator(".kpi").filter({ hasText: label }).locator(".kpi-value").innerText();
}

test("every report view shows the engine's numbers; state stays with its workspace", async ({
  page,
  strata,
}) => {
  const session = strata.bridge.session;
  const seen = new Map<string, Query>();
  const run = session.query.bind(session);
  session.query = <K extends QueryKind>(q: QueryOf<K>, channel?: string) => {
    if (channel) seen.set(channel, q);
    return run(q, channel);
  };
  async function engine<K extends QueryKind>(channel: string, kind: K): Promise<ResultOf<K>> {
    const q = seen.get(channel);
    expect(q?.kind, `the view ran a ${kind} query on ${channel}`).toBe(kind);
    if (q === undefined || !isQueryOf(q, kind)) throw new Error(`no ${kind} query on ${channel}`);
    return run(q);
  }

  await strata.openDemo();
  await useLast90Days(page);

  // Funnels: users per step and drop-offs in the table
  await go(page, "Funnels");
  await done(page, "funnels-view");
  const funnel = await engine("funnel", "funnel");
  const ft = page.getByTestId("funnel-table");
  expect(await column(ft, 1)).toEqual(funnel.steps.map((s) => s.count));
  expect(await column(ft, 5)).toEqual(
    funnel.steps.map((s, i) => (i === 0 ? 0 : (funnel.steps[i - 1]?.count ?? 0) - s.count)),
  );

  // Retention: cohort sizes
  await go(page, "Retention");
  await done(page, "retention-view");
  const ret = await engine("retention", "retention");
  const sizes = await column(page.getByTestId("retention-table"), 1, 6);
  expect(sizes.slice(1)).toEqual(ret.cohorts.slice(0, sizes.length - 1).map((c) => c.size));

  // Engagement tabs
  await go(page, "Engagement");
  const tab = (name: string) => page.getByRole("tab", { name }).click();
  await tab("Active users");
  await done(page, "tab-active");
  const au = await engine("engagement-active", "activeUsers");
  expect(await kpi(page.getByTestId("tab-active"), "average DAU")).toBe(fmt(Math.round(au.summary.avgDau)));
  expect(await kpi(page.getByTestId("tab-active"), "average MAU")).toBe(fmt(Math.round(au.summary.avgMau)));
  // which events are not activity is said where activity is counted
  await expect(page.getByTestId("activity-note")).toContainText("email_sent");

  await tab("Churn");
  await done(page, "tab-churn");
  const churn = await engine("engagement-churn", "churn");
  const churnTable = page.getByTestId("tab-churn").getByRole("table");
  const active = await column(churnTable, 1, 6);
  expect(active).toEqual(churn.periods.slice(0, active.length).map((p) => p.active));

  await tab("Adoption");
  await done(page, "tab-adoption");
  const adoption = await engine("engagement-adoption", "featureAdoption");
  const adoptTable = page.getByTestId("tab-adoption").getByRole("table");
  const users = await column(adoptTable, 1, 6);
  const byUsers = [...adoption.features].sort((a, b) => b.users - a.users);
  expect(users).toEqual(byUsers.slice(0, users.length).map((f) => f.users));
  for (const f of adoption.features) expect(f.adoption ?? 0).toBeLessThanOrEqual(1);
  await settle(page);
  await strata.shot("numbers-01-adoption");

  await tab("Sessions");
  await done(page, "tab-sessions");
  const sessions = await engine("engagement-sessions", "sessions");
  expect(await kpi(page.getByTestId("tab-sessions"), /^[\d,]+sessions$/)).toBe(fmt(sessions.sessions));

  await tab("Acquisition");
  await done(page, "tab-acquisition");
  const acq = await engine("engagement-acquisition", "acquisition");
  const acqUsers = await column(page.getByTestId("tab-acquisition").getByRole("table"), 1, 6);
  expect(acqUsers).toEqual(acq.rows.slice(0, acqUsers.length).map((r) => r.users));

  await tab("Revenue & LTV");
  await done(page, "tab-revenue");
  const rev = await engine("engagement-revenue", "revenue");
  expect(int(await page.getByTestId("revenue-total").locator(".kpi-value").innerText())).toBeCloseTo(
    rev.revenue,
    -1,
  );

  await tab("Messages");
  await done(page, "tab-messages");
  const msg = await engine("engagement-messages", "messageEngagement");
  expect(await kpi(page.getByTestId("tab-messages"), "messages sent to")).toBe(fmt(msg.total.messages));

  // Chart-only tabs: the numbers of their "Show as table"
  await tab("Lifecycle");
  await done(page, "tab-lifecycle");
  const life = await engine("engagement-lifecycle", "lifecycle");
  expect(await chartTable(page.getByTestId("tab-lifecycle"), "lifecycle-table")).toEqual(
    life.periods.map((p) => [p.new, p.returning, p.resurrecting, -p.dormant]),
  );
  await expect(page.getByTestId("tab-lifecycle").getByTestId("activity-note")).toContainText("email_sent");
  await settle(page);
  await strata.shot("numbers-04-lifecycle-table");

  await tab("Stickiness");
  await done(page, "tab-stickiness");
  const sticky = await engine("engagement-stickiness", "stickiness");
  const stickyRows = await chartTable(page.getByTestId("tab-stickiness"), "stickiness-table");
  expect(stickyRows.map((r) => r[0])).toEqual(sticky.counts);
  const stickyTotal = sticky.counts.reduce((a, b) => a + b, 0);
  stickyRows.forEach((r, i) => {
    // one decimal, "<0.1%" for tiny shares
    expect(
      Math.abs((r[1] ?? Number.NaN) - (100 * (sticky.counts[i] ?? 0)) / stickyTotal),
    ).toBeLessThanOrEqual(0.1);
  });
  await expect(page.getByTestId("tab-stickiness").getByTestId("activity-note")).toContainText("email_sent");

  await tab("Activity by hour");
  await done(page, "tab-heatmap");
  const heat = await engine("engagement-heatmap", "activityHeatmap");
  expect(await chartTable(page.getByTestId("tab-heatmap"), "heatmap-table")).toEqual(heat.cells);
  expect(heat.cells.flat().reduce((a, b) => a + b, 0)).toBe(heat.total);
  await settle(page);
  await strata.shot("numbers-05-heatmap-table");

  await tab("Surveys");
  await done(page, "tab-surveys");
  const survey = await engine("engagement-surveys", "surveyScores");
  const surveyRows = await chartTable(page.getByTestId("tab-surveys"), "survey-table");
  const groups = Object.keys(survey.overall.breakdown);
  expect(surveyRows).toEqual(
    survey.periods.map((p) => [
      p.score === null ? 0 : Number(p.score.toFixed(1)),
      p.responses,
      p.respondents,
      ...groups.map((g) => p.breakdown[g] ?? 0),
    ]),
  );
  expect(await page.getByTestId("survey-score").locator(".kpi-value").innerText()).toBe(
    survey.overall.score === null ? "–" : survey.overall.score.toFixed(1),
  );
  await settle(page);
  await strata.shot("numbers-06-surveys-table");

  // RFM: users per group
  await go(page, "RFM");
  await done(page, "rfm-body");
  const rfm = await engine("rfm", "rfm");
  expect(await column(page.getByTestId("rfm-table"), 1, 10)).toEqual(rfm.groups.map((g) => g.users));

  // Compare: all users against a saved segment, users and value per arm and metric
  await page.evaluate(async () => {
    const s = (globalThis as unknown as { strata: { savedCreate(r: unknown): Promise<unknown> } }).strata;
    await s.savedCreate({
      type: "segment",
      name: "Buyers",
      definition: { performed: { event: "purchase" } },
    });
  });
  await go(page, "Compare");
  await done(page, "compare-view");
  const cmp = await engine("compare", "compare");
  expect(cmp.segments.map((x) => x.name)).toEqual(["All users", "Buyers"]);
  const panels = page.getByTestId("compare-metric");
  await expect(panels).toHaveCount(cmp.metrics.length);
  for (const [i, m] of cmp.metrics.entries()) {
    const rows = await cells(panels.nth(i).locator("table"));
    expect(rows.map((r) => r[0])).toEqual(m.values.map((v) => v.segment));
    expect(rows.map((r) => int(r[1] ?? ""))).toEqual(m.values.map((v) => v.n));
    for (const [k, v] of m.values.entries()) {
      const shown = rows[k]?.[2] ?? "";
      if (v.value === null) expect(shown).toBe("–");
      // shown rounded: percentages to one decimal, means and money to two
      else if (shown.endsWith("%"))
        expect(Math.abs(int(shown) / 100 - v.value)).toBeLessThanOrEqual(0.0005 + 1e-9);
      else expect(Math.abs(int(shown) - v.value)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  }
  await settle(page);
  await strata.shot("numbers-07-compare");

  // Per-workspace state: an unsaved segment draft in the demo...
  await go(page, "Segments");
  await page
    .getByRole("button", { name: /^(Active users|New users)/ })
    .first()
    .click();
  await expect(page.locator(".dirty").first()).toBeVisible();
  const draft = await page.getByTestId("segment-summary").innerText();
  await strata.shot("numbers-02-demo-draft");

  // ...does not show in a new, empty workspace
  strata.answerDialog(path.join(strata.dataDir, "other.strata"));
  await page.keyboard.press("Control+k");
  await page.keyboard.type("New workspace");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("workspace-name")).toHaveText("other");
  await go(page, "Segments");
  await expect(page.locator(".dirty")).toHaveCount(0);
  await expect(page.getByTestId("segment-summary")).not.toHaveText(draft);
  await go(page, "Data");
  await expect(page.locator(".summary-card")).toHaveCount(0);
  await strata.shot("numbers-03-new-workspace");

  // the demo gets its draft back
  await page.keyboard.press("Control+k");
  await page.keyboard.type("demo");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("workspace-name")).toHaveText("demo");
  await go(page, "Segments");
  await expect(page.locator(".dirty").first()).toBeVisible();
  await expect(page.getByTestId("segment-summary")).toHaveText(draft);
});
