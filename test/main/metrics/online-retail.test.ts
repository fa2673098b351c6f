import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTimeline } from "../../../src-main/engine/columns/index.ts";
import { rfmScores } from "../../../src-main/engine/rfm.ts";
import { RFM_GROUPS } from "../../../src-preload/contract/rfm-groups.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { fixed, run, testContext } from "./helpers.ts";
import { loadRetail, RETAIL_CSV } from "./online-retail.ts";

// RFM and monthly revenue on the real UCI Online Retail file, checked against DuckDB reading the same
// CSV with SQL: a second, independent computation of every user's scores and every month's figures.

const range = { from: "2010-12-01", to: "2011-12-09" };

const LINES = `
  SELECT InvoiceNo AS invoice, CustomerID AS customer, InvoiceDate AS ts,
         CAST(sign(Quantity * UnitPrice * 100) * round(abs(Quantity * UnitPrice * 100)) AS BIGINT) AS pence,
         NOT starts_with(InvoiceNo, 'C') AS purchase
  FROM read_csv('${RETAIL_CSV}', header = true, columns = {
    'InvoiceNo': 'VARCHAR', 'StockCode': 'VARCHAR', 'Description': 'VARCHAR', 'Quantity': 'BIGINT',
    'InvoiceDate': 'TIMESTAMP', 'UnitPrice': 'DOUBLE', 'CustomerID': 'VARCHAR', 'Country': 'VARCHAR'})
  WHERE CustomerID IS NOT NULL`;

// quintile score with ties sharing the lowest score of their block; recency reversed
const RFM_SQL = `
  WITH l AS (${LINES}),
  u AS (SELECT customer, CAST(DATE '2011-12-09' - max(CAST(ts AS DATE)) AS INTEGER) AS recency,
               CAST(count(DISTINCT invoice) AS INTEGER) AS freq, CAST(sum(pence) AS DOUBLE) AS monetary
        FROM l WHERE purchase GROUP BY customer),
  s AS (SELECT *, CAST(floor(5 * (rank() OVER (ORDER BY recency DESC) - 1) / count(*) OVER ()) + 1 AS INTEGER) AS r,
               CAST(floor(5 * (rank() OVER (ORDER BY freq) - 1) / count(*) OVER ()) + 1 AS INTEGER) AS f,
               CAST(floor(5 * (rank() OVER (ORDER BY monetary) - 1) / count(*) OVER ()) + 1 AS INTEGER) AS m
        FROM u)
  SELECT *, CASE
    WHEN r <= 2 AND f <= 2 THEN 'hibernating' WHEN r <= 2 AND f <= 4 THEN 'atRisk' WHEN r <= 2 THEN 'cantLose'
    WHEN r = 3 AND f <= 2 THEN 'aboutToSleep' WHEN r = 3 AND f = 3 THEN 'needAttention' WHEN r = 3 THEN 'loyal'
    WHEN r = 4 AND f = 1 THEN 'promising' WHEN r = 4 AND f <= 3 THEN 'potentialLoyalists' WHEN r = 4 THEN 'loyal'
    WHEN f = 1 THEN 'new' WHEN f <= 3 THEN 'potentialLoyalists' ELSE 'champions' END AS grp
  FROM s ORDER BY customer`;

const MONTHS_SQL = `
  WITH l AS (${LINES}),
  c AS (SELECT customer, min(date_trunc('month', ts)) AS cohort FROM l GROUP BY customer)
  SELECT strftime(date_trunc('month', ts), '%Y-%m-%d') AS month,
         CAST(coalesce(sum(pence) FILTER (WHERE purchase), 0) AS DOUBLE) AS revenue,
         CAST(count(DISTINCT l.customer) AS INTEGER) AS active,
         CAST(count(DISTINCT l.customer) FILTER (WHERE purchase) AS INTEGER) AS paying,
         CAST(count(DISTINCT l.customer) FILTER (WHERE c.cohort = date_trunc('month', ts)) AS INTEGER) AS newcomers
  FROM l JOIN c USING (customer) GROUP BY 1 ORDER BY 1`;

type Row = Record<string, unknown>;
let j: Journeys;
let duck: { rfm: Row[]; months: Row[] };

beforeAll(async () => {
  j = journeys({}, fixed("2011-12-09"));
  const [loaded, d] = await Promise.all([
    Promise.resolve().then(() => loadRetail(j.ws)),
    (async () => {
      const inst = await DuckDBInstance.create(":memory:");
      const con = await inst.connect();
      const rfm = (await con.runAndReadAll(RFM_SQL)).getRowObjectsJS();
      const months = (await con.runAndReadAll(MONTHS_SQL)).getRowObjectsJS();
      con.closeSync();
      inst.closeSync();
      return { rfm, months };
    })(),
  ]);
  expect(loaded.rows).toBe(541_909);
  expect(loaded.events).toBe(406_829);
  duck = d;
}, 60_000);
afterAll(() => j?.close());

describe("Online Retail against DuckDB", () => {
  it("gives every customer DuckDB's recency, frequency, monetary, scores and group", async () => {
    const q = {
      kind: "rfm",
      event: { event: "purchase" },
      monetary: "pence",
      frequencyDistinct: "invoice",
      range,
    } as const;
    const ctx = testContext(j, {});
    const s = await rfmScores(q, ctx);
    const ids = openTimeline(j.ws.db).externalIds(Array.from(s.users));
    const ours = new Map(ids.map((id, i) => [id, i]));
    expect(s.users.length).toBe(duck.rfm.length);
    expect(s.users.length).toBe(4339);
    let mismatches = 0;
    for (const row of duck.rfm) {
      const i = ours.get(row.customer as string);
      if (i === undefined) throw new Error(`customer ${String(row.customer)} missing`);
      const mine = [s.recencyDays[i], s.frequency[i], s.monetary[i], s.r[i], s.f[i], s.m[i]];
      const theirs = [row.recency, row.freq, row.monetary, row.r, row.f, row.m];
      if (mine.some((v, k) => v !== theirs[k])) mismatches++;
    }
    expect(mismatches).toBe(0);
    const result = await run(j, q);
    const byGroup = new Map<string, { users: number; monetary: number }>();
    for (const row of duck.rfm) {
      const g = byGroup.get(row.grp as string) ?? { users: 0, monetary: 0 };
      g.users++;
      g.monetary += row.monetary as number;
      byGroup.set(row.grp as string, g);
    }
    for (const g of result.groups) {
      expect([g.group, g.users, g.monetary]).toEqual([
        g.group,
        byGroup.get(g.group)?.users ?? 0,
        byGroup.get(g.group)?.monetary ?? 0,
      ]);
    }
    expect(result.groups.map((g) => g.group)).toEqual([...RFM_GROUPS]);
    expect(result.grid.flat().reduce((a, b) => a + b, 0)).toBe(4339);
  }, 30_000);

  it("gives DuckDB's monthly revenue, active, paying and new customers", async () => {
    const r = await run(j, {
      kind: "revenue",
      event: { event: "purchase" },
      property: "pence",
      range,
      interval: "month",
    });
    expect(r.periods.map((p) => [p.start, p.revenue, p.activeUsers, p.payingUsers])).toEqual(
      duck.months.map((m) => [m.month, m.revenue, m.active, m.paying]),
    );
    expect(r.cohorts.map((c) => [c.start, c.users])).toEqual(duck.months.map((m) => [m.month, m.newcomers]));
    expect(r.periods).toHaveLength(13);
  }, 30_000);
});
