import fs from "node:fs";
import {
  isQueryOf,
  type Query,
  type QueryKind,
  type QueryOf,
} from "../../src-preload/contract/query-kinds.ts";
import type { TrendsQuery, TrendsResult } from "../../src-preload/contract/trends.ts";
import { expect, type Page, test } from "./harness.ts";
import { answeredAfter, go, runsOf, settle, switchTheme, useLast90Days } from "./steps.ts";

// Trends: two series on the demo, read the numbers in the values table and compare them with the
// engine's answer for the same query, break down by a user attribute, switch chart types, hover,
// export CSV, save the report, and make a segment from a point.

const answered = (page: Page, before: number) => answeredAfter(page, "trends-view", before);
const runs = (page: Page) => runsOf(page, "trends-view");

/** The values table as { row name: [total, first buckets...] } of numbers (null for "–"). */
async function tableNumbers(page: Page): Promise<Map<string, (number | null)[]>> {
  const out = new Map<string, (number | null)[]>();
  const rows = page.getByTestId("trends-table").locator("tbody tr");
  const n = await rows.count();
  for (let i = 0; i < n; i++) {
    const cells = await rows.nth(i).locator("td, th").allInnerTexts();
    const [name, ...nums] = cells.map((c) => c.trim());
    out.set(
      name ?? "",
      nums.slice(0, 6).map((t) => (t === "–" || t === "" ? null : Number(t.replace(/,/g, "")))),
    );
  }
  return out;
}

function expected(r: TrendsResult, name: (e: TrendsResult["series"][number]) => string) {
  return new Map(
    r.series.map((e) => [
      name(e),
      [e.total, ...e.values.slice(0, 5)].map((v) => (v === null ? null : Math.round(v * 100) / 100)),
    ]),
  );
}

const nameOf = (e: TrendsResult["series"][number]) => {
  const head =
    e.series === "formula" ? `ƒ · ${e.label}` : `${String.fromCharCode(65 + e.series)} · ${e.label}`;
  return e.breakdown === undefined ? head : `${head} · ${String(e.breakdown)}`;
};

test("trend two series, break down, compare with the engine, export, save, segment a point", async ({
  page,
  strata,
}) => {
  await strata.openDemo();
  await useLast90Days(page);
  await go(page, "Trends");
  await answered(page, 0);

  let before = await runs(page);
  await page.getByTestId("trends-event-0").selectOption("purchase");
  await answered(page, before);
  before = await runs(page);
  await page.getByRole("button", { name: "+ Add series" }).click();
  await answered(page, before);
  await expect(page.getByLabel("Series B measure")).toHaveValue("users");
  before = await runs(page);
  await page.getByLabel("Formula").fill("A / B");
  await answered(page, before);

  const base: TrendsQuery = {
    kind: "trends",
    series: [
      { event: { event: "purchase" }, measure: "events" },
      { event: { event: "purchase" }, measure: "users" },
    ],
    interval: "day",
    range: { last: 90, unit: "day" },
    formula: "A / B",
  };
  const want = (await strata.bridge.session.query(base)) as TrendsResult;
  expect(want.intervals).toHaveLength(90);
  const shown = await tableNumbers(page);
  expect(shown).toEqual(expected(want, nameOf));
  // the distinct buyers of 90 days are fewer than the sum of daily buyers
  const b = want.series[1] as TrendsResult["series"][number];
  expect(b.total).toBeLessThan(b.values.reduce<number>((s, v) => s + (v ?? 0), 0));
  await settle(page);
  await strata.shot("trends-01-two-series-line");

  // hover: the tooltip lists every series at that day
  const chart = page.getByTestId("trends-chart");
  const box = await chart.boundingBox();
  if (!box) throw new Error("no chart box");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const tip = chart.locator("div").filter({ hasText: "A · purchase" }).last();
  await expect(tip).toContainText("B · purchase");
  await expect(tip).toContainText("ƒ · A / B");
  await strata.shot("trends-02-hover");

  // the legend toggles a series: hidden, it leaves the tooltip; shown again, it is back
  const legendB = page
    .getByRole("list", { name: "Series shown" })
    .getByRole("button", { name: "B · purchase" });
  await legendB.click();
  await expect(legendB).toHaveAttribute("aria-pressed", "false");
  await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2);
  await expect(tip).toContainText("A · purchase");
  await expect(tip).not.toContainText("B · purchase");
  await settle(page);
  await strata.shot("trends-02b-legend-hides-b");
  await legendB.click();
  await expect(legendB).toHaveAttribute("aria-pressed", "true");

  // breakdown by a user attribute, top 3
  before = await runs(page);
  await page.getByTestId("trends-breakdown").selectOption("user:platform");
  await answered(page, before);
  before = await runs(page);
  await page.getByRole("spinbutton", { name: "Top" }).fill("2");
  await answered(page, before);
  const split = (await strata.bridge.session.query({
    ...base,
    breakdown: { property: "platform", scope: "user", limit: 2 },
  })) as TrendsResult;
  expect(split.series.some((e) => e.breakdown === "$other")).toBe(true);
  expect(await tableNumbers(page)).toEqual(expected(split, nameOf));
  await settle(page);
  await strata.shot("trends-03-breakdown-platform");

  for (const [label, file] of [
    ["Bars", "trends-04-bars"],
    ["Stacked", "trends-05-stacked"],
    ["Area", "trends-06-area"],
  ] as const) {
    await page.getByRole("button", { name: label, exact: true }).click();
    await settle(page);
    await strata.shot(file);
  }
  await page.getByRole("button", { name: "Number", exact: true }).click();
  const tiles = page.getByTestId("trends-numbers").locator(".kpi-value");
  await expect(tiles).toHaveCount(split.series.length);
  const first = split.series[0] as TrendsResult["series"][number];
  await expect(tiles.first()).toHaveText((first.total ?? 0).toLocaleString("en-US"));
  await strata.shot("trends-07-number");

  // CSV of what the chart shows: the total row matches the engine
  const dl = page.waitForEvent("download");
  await page.getByRole("button", { name: "CSV", exact: true }).click();
  const csv = fs.readFileSync((await (await dl).path()) as string, "utf8");
  const lines = csv.split("\r\n");
  expect(lines[0]).toContain("A · purchase");
  expect(lines).toHaveLength(92);
  expect(lines[91]?.split(",")[1]).toBe(String(first.total));

  // save as a report: listed under Trends in the sidebar
  await page.getByRole("button", { name: "Save report" }).click();
  await page.getByLabel("Report name").fill("Purchases by platform");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("report-title")).toHaveText("Purchases by platform");
  await expect(
    page.getByRole("list", { name: "Saved trends" }).getByText("Purchases by platform"),
  ).toBeVisible();

  await switchTheme(page, "dark");
  await page.getByRole("button", { name: "Line", exact: true }).click();
  await settle(page);
  await strata.shot("trends-08-dark");

  // a point of the events series: stacked bars, the first bar at the bottom of the busiest day
  before = await runs(page);
  await page.getByTestId("trends-breakdown").selectOption("");
  await answered(page, before);
  await page.getByRole("button", { name: "Stacked", exact: true }).click();
  await settle(page);
  const plain = (await strata.bridge.session.query(base)) as TrendsResult;
  const a = (plain.series[0] as TrendsResult["series"][number]).values.map((v) => v ?? 0);
  const k = a.indexOf(Math.max(...a));
  const w = box.width - 56 - 56; // the formula's axis is on the right
  await page.mouse.click(box.x + 56 + (k + 0.5) * (w / 90), box.y + 340 - 40 - 3);
  await expect(page.getByRole("main")).toHaveAttribute("aria-label", "Segments");
  await expect(page.getByText(/Did purchase/).first()).toBeVisible();
  // the segment's members are the buyers of that day: the unique-users series' value
  const buyers = (plain.series[1] as TrendsResult["series"][number]).values[k] ?? -1;
  await expect(page.locator("body")).toContainText(`${buyers.toLocaleString("en-US")} users`);
  await settle(page);
  await strata.shot("trends-09-segment-from-point");

  // pin the saved report to the dashboard: its tile is computed in the query workers and follows
  // the top bar's range
  await page.getByRole("button", { name: "More actions for Purchases by platform" }).click();
  await page.getByRole("menuitem", { name: "Pin to dashboard" }).click();
  // the tile's own query (the saved report under the top bar's range), as the bridge receives it
  const session = strata.bridge.session;
  const asked = session.query.bind(session);
  const tileQueries: Query[] = [];
  session.query = <K extends QueryKind>(q: QueryOf<K>, channel?: string) => {
    if (channel?.startsWith("dashboard:")) tileQueries.push(q);
    return asked(q, channel);
  };
  await go(page, "Dashboard");
  const tile = page.getByTestId("dashboard-tile");
  await expect(tile).toHaveCount(1);
  await expect(tile).toHaveAttribute("data-phase", "done");
  await expect(tile.getByRole("button", { name: "Purchases by platform", exact: true })).toBeVisible();
  // the tile's "Show as table": one row per period, one column per series, the engine's values
  const tileQuery = tileQueries.at(-1);
  if (tileQuery === undefined || !isQueryOf(tileQuery, "trends"))
    throw new Error("the tile ran no trends query");
  const tileAnswer = await asked(tileQuery);
  const tileTable = tile.getByTestId("tile-table");
  await tileTable.locator("summary").click();
  await expect(tileTable.locator("thead th")).toHaveText(["Period", ...tileAnswer.series.map(nameOf)]);
  const tileRows = await tileTable
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll("td"), (c) => c.textContent ?? "")));
  expect(tileRows.length).toBe(tileAnswer.intervals.length);
  expect(tileRows.map((cells) => cells.map((t) => (t === "–" ? null : Number(t.replace(/,/g, "")))))).toEqual(
    tileAnswer.intervals.map((_, k) =>
      tileAnswer.series.map((e) => {
        const v = e.values[k];
        return v === null || v === undefined ? null : Math.round(v * 100) / 100;
      }),
    ),
  );
  await settle(page);
  await strata.shot("trends-10-dashboard");
  // pins live in the workspace file
  const pins = (await strata.bridge.session.workspace.db
    .prepare("SELECT count(*) FROM dashboard_tiles")
    .pluck()
    .get()) as number;
  expect(pins).toBe(1);
});
