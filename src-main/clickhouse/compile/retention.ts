import type { RetentionQuery } from "../../../src-preload/contract/queries.ts";
import type { RetentionResult } from "../../../src-preload/contract/results.ts";
import { bucketsCovering } from "../../engine/calendar.ts";
import type { ChHttp } from "../http.ts";
import { str } from "../literal.ts";
import { bucketOf } from "./calendar.ts";
import { type ChContext, spanOf } from "./context.ts";
import { matcherSql } from "./filters.ts";
import { membersSql } from "./segment.ts";

// Retention as engine/retention.ts. Per user (on its shard): the cohorts joined (`coh`) and the
// periods with a return (`rt`); then one sum per (cohort, k) cell.

export async function runRetentionOn(
  ch: ChHttp,
  ctx: ChContext,
  q: RetentionQuery,
  signal?: AbortSignal,
): Promise<RetentionResult> {
  const { starts, bounds } = bucketsCovering(spanOf(ctx, q.range), q.interval, ctx.weekStart, ctx.timezone);
  const C = starts.length;
  const P = q.periods;
  const first = bounds[0] as number;
  const end = bounds[C] as number;
  const mode = q.mode ?? "recurring";
  const onOrAfter = (q.measure ?? "on") === "onOrAfter";
  const target = matcherSql(q.target, q.where, "target");
  const ret = matcherSql(q.return, q.where, "return");
  const bk = bucketOf(bounds);
  const inRange = `time >= ${first}`;
  let coh: string;
  if (mode === "recurring") coh = `groupUniqArrayIf(${bk}, ${inRange} AND ${target})`;
  else if (mode === "firstTime") {
    // the first target event (with both wheres) in the user's history up to the end decides
    const t0 = `minIf(time, ${target})`;
    coh = `if(countIf(${target}) > 0 AND ${t0} >= ${first}, [${bucketOf(bounds, t0)}], CAST([] AS Array(Int32)))`;
  } else {
    // the very first event with the target's name, ignoring the wheres; it must pass them
    const named = q.target.event === null ? "1" : `event = ${str(q.target.event)}`;
    const t0 = `minIf(time, ${named})`;
    const passes = `argMinIf(${target}, (time, seq), ${named})`;
    coh = `if(countIf(${named}) > 0 AND ${t0} >= ${first} AND ${passes} = 1, [${bucketOf(bounds, t0)}], CAST([] AS Array(Int32)))`;
  }
  const cell = onOrAfter ? "(c + k) <= lastRet" : "has(rt, c + k)";
  const sql = `SELECT sumForEach(cells) AS v
    FROM (
      SELECT user, ${coh} AS coh, groupUniqArrayIf(${bk}, ${inRange} AND ${ret}) AS rt,
        if(length(rt) = 0, -1, arrayReduce('max', rt)) AS lastRet,
        arrayMap(i -> toUInt64(has(coh, intDiv(i, ${P})) AND (i % ${P} = 0 OR (intDiv(i, ${P}) + i % ${P} < ${C} AND
          arrayMap(c -> arrayMap(k -> ${cell}, [i % ${P}])[1], [intDiv(i, ${P})])[1]))),
          range(${C * P})) AS cells
      FROM events
      WHERE time < ${end} AND ${membersSql(ctx, q.segment)}
      GROUP BY user
      HAVING length(coh) > 0)`;
  const [row] = await ch.rows<{ v: number[] }>(sql, { distributed_group_by_no_merge: 1 }, signal);
  const v = row?.v ?? [];
  return {
    cohorts: starts.map((start, c) => {
      const values = Array.from({ length: P }, (_, k) => v[c * P + k] ?? 0);
      return { start, size: values[0] as number, values, incomplete: Math.max(0, c + P - C) };
    }),
  };
}
