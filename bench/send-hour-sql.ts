// The best send hour and weekday of every user (spec/queries.md, "Best send hour") in DuckDB's SQL,
// over bench/engine.ts's `ev` table (u, e, t, ts: UTC timestamps; the seeded workspace has no
// timezone attribute and reads clocks in UTC): the 90 days up to the day of the latest event; per
// user and local hour the distinct days with an event in that hour, most days winning, the earliest
// hour on a tie (weekdays likewise, 1 = Monday); a user without events in the window gets the
// winner of everyone's summed days. One row per (weekday, hour) with its users, as the engine's
// bestSendTime grid.

export const SEND_HOUR_SQL = `
WITH bounds AS (
  SELECT CAST(CAST(max(ts) AS DATE) - INTERVAL 89 DAY AS TIMESTAMP) AS lo,
         CAST(CAST(max(ts) AS DATE) + INTERVAL 1 DAY AS TIMESTAMP) AS hi
  FROM ev
),
seen AS (
  SELECT DISTINCT u, CAST(ts AS DATE) AS day, hour(ts) AS h
  FROM ev, bounds WHERE ts >= lo AND ts < hi
),
by_hour AS (SELECT u, h, count(*) AS days FROM seen GROUP BY u, h),
by_weekday AS (
  SELECT u, isodow(day) AS k, count(*) AS days FROM (SELECT DISTINCT u, day FROM seen) GROUP BY u, k
),
best_hour AS (SELECT u, arg_max(h, days * 32 - h) AS h FROM by_hour GROUP BY u),
best_weekday AS (SELECT u, arg_max(k, days * 8 - k) AS k FROM by_weekday GROUP BY u),
all_hour AS (SELECT arg_max(h, days * 32 - h) AS h FROM (SELECT h, sum(days) AS days FROM by_hour GROUP BY h)),
all_weekday AS (
  SELECT arg_max(k, days * 8 - k) AS k FROM (SELECT k, sum(days) AS days FROM by_weekday GROUP BY k)
)
SELECT coalesce(bw.k, aw.k)::INTEGER AS weekday, coalesce(bh.h, ah.h)::INTEGER AS hour,
       count(*)::INTEGER AS users, count(*) FILTER (WHERE bh.h IS NULL)::INTEGER AS fallback
FROM (SELECT DISTINCT u FROM ev) everyone
LEFT JOIN best_hour bh USING (u) LEFT JOIN best_weekday bw USING (u), all_hour ah, all_weekday aw
GROUP BY 1, 2
`;

/** What the engine's bestSendTime answered: users per [weekday - 1][hour], and the fallbacks. */
export interface SendGrid {
  grid: number[][];
  fallback: number;
  from: string;
  to: string;
}

/** null when DuckDB's rows hold the same users per weekday and hour, and fallbacks; else how not. */
export function sendGridsAgree(s: SendGrid, rows: Record<string, unknown>[]): string | null {
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  let fallback = 0;
  for (const r of rows) {
    const row = grid[Number(r.weekday) - 1];
    if (row === undefined) return `weekday ${String(r.weekday)} out of range`;
    row[Number(r.hour)] = Number(r.users);
    fallback += Number(r.fallback);
  }
  for (let k = 0; k < 7; k++)
    for (let h = 0; h < 24; h++)
      if (grid[k]?.[h] !== s.grid[k]?.[h])
        return `weekday ${k + 1} hour ${h}: strata ${s.grid[k]?.[h]}, duckdb ${grid[k]?.[h]}`;
  return fallback === s.fallback ? null : `fallback users: strata ${s.fallback}, duckdb ${fallback}`;
}
