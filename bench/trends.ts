// Trends (issue 15) on a seeded workspace beside DuckDB's best SQL for the same question, in the same
// run: 2 series (purchase events; unique users starting a session), daily over 90 days, broken down
// by country with limit 10 (12 countries, so "$other" is computed, with distinct users for the users
// series). Seeding is done once into bench/data and not timed; each side runs once untimed, then is
// timed as the best of five (the machine is shared: compare the two columns of one run); then
// through the app's engine, whose two query workers split the users. A second case sums the
// purchases' price and takes its median per day: a property's series, which runs whole.
//   BENCH_SIZES=10000000 BENCH_AREAS=trends npm run bench
import fs from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { openTimeline } from "../src-main/engine/columns/index.ts";
import { makeContext } from "../src-main/engine/context.ts";
import { createEngine } from "../src-main/engine/index.ts";
import { runKind } from "../src-main/engine/kinds.ts";
import { readSettings } from "../src-main/engine/read-settings.ts";
import { Workspace } from "../src-main/workspace/workspace.ts";
import type { TrendsQuery, TrendsResult } from "../src-preload/contract/trends.ts";
import { best, TIMED_RUNS } from "./best.ts";
import { SEED_EVENT_NAMES, seedEvents } from "./seed.ts";
import { seedWorkspace } from "./seed-workspace.ts";
import { type BenchContext, type BenchRow, peakRssMb } from "./types.ts";

const PURCHASE = SEED_EVENT_NAMES.indexOf("purchase");
const SESSION = SEED_EVENT_NAMES.indexOf("session_start");

const QUERY: TrendsQuery = {
  kind: "trends",
  series: [
    { event: { event: "purchase" }, measure: "events" },
    { event: { event: "session_start" }, measure: "users" },
  ],
  interval: "day",
  range: { from: "2024-01-01", to: "2024-03-30" },
  timezone: "UTC",
  breakdown: { property: "country", limit: 10 },
};

// Top 10 values per series by the series' total (ties by value), the rest merged into $other with
// count(DISTINCT u) over the merged rows: the same answer the engine gives.
const SQL = `
WITH f AS (
  SELECT u, e, country, CAST(ts AS DATE) AS d FROM ev
  WHERE ts >= TIMESTAMP '2024-01-01' AND ts < TIMESTAMP '2024-03-31' AND e IN (${PURCHASE}, ${SESSION})),
ra AS (SELECT country, row_number() OVER (ORDER BY count(*) DESC, country) AS rk
       FROM f WHERE e = ${PURCHASE} GROUP BY country),
rb AS (SELECT country, row_number() OVER (ORDER BY count(DISTINCT u) DESC, country) AS rk
       FROM f WHERE e = ${SESSION} GROUP BY country),
sa AS (SELECT CASE WHEN rk <= 10 THEN country ELSE '$other' END AS v, d, count(*) AS n
       FROM f JOIN ra USING (country) WHERE e = ${PURCHASE} GROUP BY GROUPING SETS ((v, d), (v))),
sb AS (SELECT CASE WHEN rk <= 10 THEN country ELSE '$other' END AS v, d, count(DISTINCT u) AS n
       FROM f JOIN rb USING (country) WHERE e = ${SESSION} GROUP BY GROUPING SETS ((v, d), (v)))
SELECT 0 AS s, v, CAST(d AS VARCHAR) AS d, CAST(n AS INTEGER) AS n FROM sa
UNION ALL SELECT 1, v, CAST(d AS VARCHAR), CAST(n AS INTEGER) FROM sb`;

// A property's sum and median per day of the purchases' price (no breakdown): the series that read
// a property's values, left whole in one worker (trends/join-slices.ts)
const PRICE_QUERY: TrendsQuery = {
  kind: "trends",
  series: [
    { event: { event: "purchase" }, measure: { fn: "sum", property: "price" } },
    { event: { event: "purchase" }, measure: { fn: "median", property: "price" } },
  ],
  interval: "day",
  range: { from: "2024-01-01", to: "2024-03-30" },
  timezone: "UTC",
};

const PRICE_SQL = `
SELECT CAST(CAST(ts AS DATE) AS VARCHAR) AS d, sum(price) AS s, median(price) AS m FROM ev
WHERE ts >= TIMESTAMP '2024-01-01' AND ts < TIMESTAMP '2024-03-31' AND e = ${PURCHASE} AND price IS NOT NULL
GROUP BY GROUPING SETS ((CAST(ts AS DATE)), ())`;

async function seedDuck(file: string, events: number, log: (l: string) => void) {
  if (!fs.existsSync(file)) {
    const inst = await DuckDBInstance.create(`${file}.tmp`);
    const con = await inst.connect();
    await con.run("CREATE TABLE raw (u INTEGER, e INTEGER, t BIGINT, country VARCHAR, price DOUBLE)");
    const app = await con.createAppender("raw");
    for (const e of seedEvents(events)) {
      app.appendInteger(Number(e.user.slice(1)));
      app.appendInteger(SEED_EVENT_NAMES.indexOf(e.event));
      app.appendBigInt(BigInt(e.time));
      app.appendVarchar(e.props.country);
      if (e.props.price === undefined) app.appendNull();
      else app.appendDouble(e.props.price);
      app.endRow();
    }
    app.closeSync();
    await con.run(
      "CREATE TABLE ev AS SELECT u, e, t, epoch_ms(t) AS ts, country, price FROM raw ORDER BY u, t",
    );
    await con.run("DROP TABLE raw");
    await con.run("CHECKPOINT");
    con.closeSync();
    inst.closeSync();
    fs.renameSync(`${file}.tmp`, file);
    log(`seeded ${file}`);
  }
  const inst = await DuckDBInstance.create(file);
  return { inst, con: await inst.connect() };
}

/** Every day's and the range's sum and median agree (to rounding: DuckDB sums in its own order). */
function agreePrice(s: TrendsResult, d: Record<string, unknown>[]): string | null {
  const [sum, median] = s.series;
  if (!sum || !median) return "two series expected";
  const near = (a: number | null, b: unknown) =>
    a !== null && Math.abs(a - Number(b)) <= 1e-9 * Math.max(1, Math.abs(a));
  let bad = 0;
  for (const r of d) {
    const k = r.d === null ? -1 : s.intervals.indexOf(String(r.d));
    const [a, b] = k < 0 ? [sum.total, median.total] : [sum.values[k] ?? null, median.values[k] ?? null];
    if (!near(a, r.s) || !near(b, r.m)) bad++;
  }
  const days = sum.values.filter((v) => v !== null).length;
  if (d.length !== days + 1) return `${days} days with a value, DuckDB has ${d.length - 1}`;
  return bad === 0 ? null : `${bad} figures differ`;
}

/** Both answers' totals per (series, value) and the first day's values must be the same. */
function agree(s: TrendsResult, d: Record<string, unknown>[]): string | null {
  const want = new Map<string, number>();
  for (const r of d) want.set(`${r.s}|${r.v}|${r.d ?? "total"}`, Number(r.n));
  let bad = 0;
  for (const e of s.series) {
    const key = (d0: string) => `${e.series}|${String(e.breakdown)}|${d0}`;
    if (want.get(key("total")) !== e.total) bad++;
    const first = s.intervals[0] as string;
    if ((want.get(key(first)) ?? 0) !== e.values[0]) bad++;
  }
  const entries = d.filter((r) => r.d === null).length;
  if (entries !== s.series.length) return `${s.series.length} entries, DuckDB has ${entries}`;
  return bad === 0 ? null : `${bad} figures differ`;
}

export async function bench(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const size of ctx.sizes) {
    const file = path.join(ctx.dataDir, `trends-${size}.strata`);
    seedWorkspace(file, size, ctx.log);
    // v2: with the price column (a file seeded before has none)
    const duck = await seedDuck(path.join(ctx.dataDir, `trends-v2-${size}.duckdb`), size, ctx.log);
    const ws = Workspace.open(file, { readonly: true });
    const tl = openTimeline(ws.db);
    const settings = readSettings(ws.db);
    const engine = createEngine(ws, { workers: 2 });
    try {
      for (const c of CASES) {
        const run = () => runKind(makeContext(tl, ws.db, settings, c.query), c.query);
        await run();
        const s = await best(TIMED_RUNS, run);
        const sqlRun = async () => (await duck.con.runAndReadAll(c.sql)).getRowObjectsJS();
        await sqlRun();
        const d = await best(TIMED_RUNS, sqlRun);
        const problem = c.agree(s.value as TrendsResult, d.value as Record<string, unknown>[]);
        ctx.log(
          `${c.name} @ ${size}: strata ${s.ms.toFixed(1)} ms, duckdb ${d.ms.toFixed(1)} ms${problem ? ` (${problem})` : ""}`,
        );
        rows.push({
          area: "trends",
          name: c.name,
          events: size,
          strataMs: s.ms,
          peerMs: d.ms,
          peakRssMb: peakRssMb(),
          note: problem ?? "answers agree",
        });
        // again through the app's engine: its two query workers split the users when every series
        // counts; a property's series runs whole in one of them
        const pooled = () => engine.run(c.query);
        await pooled();
        await pooled();
        const p = await best(TIMED_RUNS, pooled);
        ctx.log(`${c.name} @ ${size}, app (two query workers): strata ${p.ms.toFixed(1)} ms`);
        rows.push({
          area: "trends",
          name: `${c.name}, app (two query workers)`,
          events: size,
          strataMs: p.ms,
          peerMs: d.ms,
          peakRssMb: peakRssMb(),
          note:
            JSON.stringify(p.value) === JSON.stringify(s.value)
              ? "DuckDB's time from the row above; the same answer as in one thread"
              : "DuckDB's time from the row above; ANSWER DIFFERS from the one-thread run",
        });
      }
    } finally {
      await engine.close();
    }
    ws.close();
    duck.con.closeSync();
    duck.inst.closeSync();
  }
  return rows;
}

const CASES: {
  name: string;
  query: TrendsQuery;
  sql: string;
  agree: (s: TrendsResult, d: Record<string, unknown>[]) => string | null;
}[] = [
  { name: "trends 2 series, day, 90 days, breakdown limit 10", query: QUERY, sql: SQL, agree },
  {
    name: "trends price sum and median, day, 90 days",
    query: PRICE_QUERY,
    sql: PRICE_SQL,
    agree: agreePrice,
  },
];
