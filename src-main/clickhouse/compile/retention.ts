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
  // firstTime / firstEver: the deciding event's count, instant and verdict as aliased aggregates
  // (18.16 loses the columns of an aggregate written inline inside a multiIf)
  let coh = `if(n0_ > 0 AND t0_ >= ${first} AND pass_ = 1, [${bucketOf(bounds, "t0_")}], CAST([] AS Array(Int32)))`;
  let pre = "";
  if (mode === "recurring") coh = `groupUniqArrayIf(${bk}, ${inRange} AND ${target})`;
  else if (mode === "firstTime") {
    // the first target event (with both wheres) in the user's history up to the end decides
    pre = `countIf(${target}) AS n0_, minIf(time, ${target}) AS t0_, 1 AS pass_,`;
  } else {
    // the very first event with the target's name, ignoring the wheres; it must pass them
    const named = q.target.event === null ? "1" : `event = ${str(q.target.event)}`;
    pre = `countIf(${named}) AS n0_, minIf(time, ${named}) AS t0_, argMinIf(${target}, (time, seq), ${named}) AS pass_,`;
  }
  // cell i is (cohort intDiv(i, P), k = i % P); written with one lambda level, since 18.16 loses
  // the columns of an aggregate that a nested lambda reads
  const j = `(intDiv(i, ${P}) + i % ${P})`;
  // lastRet reaches the lambda as an argument (replicate), not a capture: a captured alias of an
  // expression over aggregates is recomputed from columns inside the lambda, which fails
  const cell = onOrAfter ? `${j} <= lr` : `has(rt, ${j})`;
  const sql = `SELECT sumForEach(cells) AS v
    FROM (
      SELECT user, ${pre} ${coh} AS coh, groupUniqArrayIf(${bk}, ${inRange} AND ${ret}) AS rt,
        if(length(rt) = 0, -1, arrayReduce('max', rt)) AS lastRet,
        arrayMap((i, lr) -> toUInt64(has(coh, intDiv(i, ${P})) AND (i % ${P} = 0 OR (${j} < ${C} AND ${cell}))),
          range(${C * P}), replicate(lastRet, range(${C * P}))) AS cells
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
