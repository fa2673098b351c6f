import type { SegmentFlowResult } from "../src-preload/contract/paths.ts";

// bench/paths.ts's segment flow (Champion: 2+ purchases in the last 30 days; Engaged: 2+ session
// starts in the last 14; New: first seen in the last 14; Dormant: not seen in the last 30; at each
// month's last day) in DuckDB's SQL over bench/engine.ts's `ev` table (UTC), by spec/queries.md:
// a user's state at day d is the first state matched with only events up to the end of d, `$none`
// when none is, `$notYet` when the first event is after d. One pass groups the events by user with
// the conditional counts of every date; then one row per (date, state there, state at the next).

const DAY_MS = 86_400_000;

/** The SQL, for `dates` (YYYY-MM-DD, increasing) and the seed's event codes. */
export function segmentFlowSql(dates: readonly string[], purchase: number, sessionStart: number): string {
  const ends = dates.map((d) => Date.parse(`${d}T00:00:00Z`) + DAY_MS);
  const aggs = ends.flatMap((end, i) => [
    `count(*) FILTER (WHERE e = ${purchase} AND t >= ${end - 30 * DAY_MS} AND t < ${end}) AS p${i}`,
    `count(*) FILTER (WHERE e = ${sessionStart} AND t >= ${end - 14 * DAY_MS} AND t < ${end}) AS s${i}`,
    `max(t) FILTER (WHERE t < ${end}) AS l${i}`,
  ]);
  // 0-3 the states in order, 4 $none, 5 $notYet
  const states = ends.map(
    (end, i) => `CASE WHEN first_t >= ${end} THEN 5 WHEN p${i} >= 2 THEN 0 WHEN s${i} >= 2 THEN 1
      WHEN first_t >= ${end - 14 * DAY_MS} THEN 2 WHEN l${i} < ${end - 30 * DAY_MS} THEN 3 ELSE 4 END AS x${i}`,
  );
  const pairs = ends.map((_, i) =>
    i + 1 < ends.length
      ? `SELECT ${i} AS i, x${i} AS x, x${i + 1} AS y, count(*)::INTEGER AS n FROM st GROUP BY ALL`
      : `SELECT ${i} AS i, x${i} AS x, NULL::INTEGER AS y, count(*)::INTEGER AS n FROM st GROUP BY ALL`,
  );
  return `WITH agg AS (SELECT u, min(t) AS first_t, ${aggs.join(", ")} FROM ev GROUP BY u),
    st AS (SELECT ${states.join(", ")} FROM agg)
    ${pairs.join(" UNION ALL ")}`;
}

/** null when DuckDB's rows give the engine's counts and transitions; else the first difference. */
export function segmentFlowAgrees(s: SegmentFlowResult, rows: Record<string, unknown>[]): string | null {
  const nStates = s.states.length;
  const counts = s.at.map(() => new Array<number>(nStates).fill(0));
  const matrices = s.transitions.map(() =>
    Array.from({ length: nStates }, () => new Array<number>(nStates).fill(0)),
  );
  for (const r of rows) {
    const i = Number(r.i);
    const x = Number(r.x);
    const n = Number(r.n);
    const at = counts[i];
    if (at === undefined || x >= nStates) return `row out of range: ${JSON.stringify(r)}`;
    at[x] = (at[x] ?? 0) + n;
    if (r.y !== null) {
      const row = matrices[i]?.[x];
      if (row === undefined) return `transition out of range: ${JSON.stringify(r)}`;
      row[Number(r.y)] = n;
    }
  }
  for (const [i, c] of counts.entries())
    for (let x = 0; x < nStates; x++)
      if (c[x] !== s.counts[i]?.[x])
        return `${s.at[i]} ${s.states[x]}: strata ${s.counts[i]?.[x]}, duckdb ${c[x]}`;
  for (const [i, m] of matrices.entries())
    for (let x = 0; x < nStates; x++)
      for (let y = 0; y < nStates; y++)
        if (m[x]?.[y] !== s.transitions[i]?.matrix[x]?.[y])
          return `${s.at[i]} ${s.states[x]} -> ${s.states[y]}: strata ${s.transitions[i]?.matrix[x]?.[y]}, duckdb ${m[x]?.[y]}`;
  return null;
}
