import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemo } from "../../../src-main/demo/build.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import type { RetentionResult } from "../../../src-preload/contract/results.ts";
import type { Journeys } from "../../helpers/journeys.ts";
import { journeys } from "../../helpers/journeys.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { runQuery } from "../engine/run-query.ts";
import { run } from "./helpers.ts";
import { loadRetail, RETAIL_CSV } from "./online-retail.ts";

// Numbers two kinds both report agree: active users per week (active users, churn, adoption, revenue
// all count "any activity" the same way), and cohorts built the same way have the same size
// (revenue's creation cohorts = retention's first-ever cohorts of any event, when no created_at is
// imported). Where the definitions differ, each result names its own.

const RANGE = (from: string, to: string) => ({ from, to });

async function activeAcrossKinds(j: Journeys, range: { from: string; to: string }) {
  const [au, churn, adoption, revenue] = await Promise.all([
    run(j, { kind: "activeUsers", range, interval: "week" }),
    run(j, { kind: "churn", range, interval: "week" }),
    run(j, { kind: "featureAdoption", range, interval: "week" }),
    run(j, { kind: "revenue", range, interval: "week", event: { event: "purchase" }, property: "pence" }),
  ]);
  const active = au.periods.map((p) => [p.start, p.active]);
  expect(active.length).toBeGreaterThan(2);
  expect(churn.periods.map((p) => [p.start, p.active])).toEqual(active);
  const trend = adoption.features[0]?.trend ?? [];
  expect(trend.map((t) => [t.start, t.activeUsers])).toEqual(active);
  expect(revenue.periods.map((p) => [p.start, p.activeUsers])).toEqual(active);
  return revenue;
}

describe.skipIf(!fs.existsSync(RETAIL_CSV))("cross-kind consistency on Online Retail", () => {
  let j: Journeys;
  beforeAll(() => {
    j = journeys({}, { asOf: { mode: "fixed", date: "2011-12-09" } });
    loadRetail(j.ws);
  }, 120_000);
  afterAll(() => j.close());

  it("active users per week agree across kinds; creation cohorts equal first-ever cohorts", async () => {
    const range = RANGE("2011-09-05", "2011-12-04");
    const revenue = await activeAcrossKinds(j, range);
    const retention = await runQuery<RetentionResult>(j, {
      kind: "retention",
      target: { event: null },
      return: { event: null },
      interval: "week",
      periods: 4,
      mode: "firstEver",
      range,
    });
    const sizes = new Map(retention.cohorts.map((c) => [c.start, c.size]));
    expect(revenue.cohorts.length).toBeGreaterThan(2);
    for (const c of revenue.cohorts) expect([c.start, c.users]).toEqual([c.start, sizes.get(c.start)]);
    expect(revenue.cohortDefinition).toMatch(/created/);
  });
});

describe("cross-kind consistency on the demo", () => {
  let j: Journeys;
  let dir: string;
  beforeAll(() => {
    dir = tmpDir();
    const file = path.join(dir, "demo.strata");
    buildDemo(file, { users: 1500 });
    const ws = Workspace.open(file);
    j = { ws, file, close: () => ws.close() };
  }, 120_000);
  afterAll(() => j.close());

  it("active users per week agree across kinds, and cohorts say how they are built", async () => {
    // whole weeks (Monday to Sunday): a partial first week is counted differently by active users
    // (the whole week) and churn (the days in range), a difference noted in the docs
    const asOf = Date.parse(`${j.ws.asOfDate()}T00:00:00Z`);
    const sunday = asOf - ((new Date(asOf).getUTCDay() + 7) % 7) * 86_400_000;
    const last = new Date(sunday).toISOString().slice(0, 10);
    const from = new Date(sunday - 83 * 86_400_000).toISOString().slice(0, 10);
    const revenue = await run(j, {
      kind: "revenue",
      range: RANGE(from, last),
      interval: "week",
      event: { event: "purchase" },
      property: "revenue",
    });
    expect(revenue.cohortDefinition).toMatch(/created_at/);
    const [au, churn] = await Promise.all([
      run(j, { kind: "activeUsers", range: RANGE(from, last), interval: "week" }),
      run(j, { kind: "churn", range: RANGE(from, last), interval: "week" }),
    ]);
    expect(churn.periods.map((p) => p.active)).toEqual(au.periods.map((p) => p.active));
    expect(revenue.periods.map((p) => p.activeUsers)).toEqual(au.periods.map((p) => p.active));
  });
});
