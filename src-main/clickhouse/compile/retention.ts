import type { RetentionQuery } from "../../../src-preload/contract/queries.ts";
import type { RetentionResult } from "../../../src-preload/contract/results.ts";
import { bucketsCovering } from "../../engine/calendar.ts";
import { retentionCurve } from "../../engine/retention-curve.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import type { ChClient } from "../http.ts";
import { str } from "../literal.ts";
import { bucketOf } from "./calendar.ts";
import { type ChContext, spanOf } from "./context.ts";
import { matcherSql } from "./filters.ts";
import { PER_USER } from "./per-user.ts";
import { refuse } from "./refuse.ts";
import { membersSql } from "./segment.ts";

// Retention as engine/retention.ts. Per user (on its shard): the cohorts joined (`coh`) and the
// periods with a return (`rt`); then one sum per (cohort, k) cell.

interface PerUser {
  starts: string[];
  /** SELECT user, coh (cohorts joined), rt (periods with a return), lastRet [, cells] per user */
  sql: string;
}

/** The interval, when the cluster can cut it (hours are local clock hours, not compiled yet). */
function calendarInterval(q: RetentionQuery, field: string): "day" | "week" | "month" {
  if (q.interval === "hour") return refuse(`${field}.interval`, "hour periods are not compiled yet");
  return q.interval;
}

/** Each user's cohorts and returns (and with `P`, their contribution to every (cohort, k) cell). */
export function retentionPerUser(
  ctx: ChContext,
  q: RetentionQuery,
  P: number | null,
  field: string,
): PerUser {
  const interval = calendarInterval(q, field);
  const { starts, bounds } = bucketsCovering(spanOf(ctx, q.range), interval, ctx.weekStart, ctx.timezone);
  const C = starts.length;
  const first = bounds[0] ?? outOfBounds();
  const end = bounds[C] ?? outOfBounds();
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
  const j = `(intDiv(i, ${P ?? 1}) + i % ${P ?? 1})`;
  // lastRet reaches the lambda as an argument (replicate), not a capture: a captured alias of an
  // expression over aggregates is recomputed from columns inside the lambda, which fails
  const cell = onOrAfter ? `${j} <= lr` : `has(rt, ${j})`;
  const cells =
    P === null
      ? ""
      : `, arrayMap((i, lr) -> toUInt64(has(coh, intDiv(i, ${P})) AND (i % ${P} = 0 OR (${j} < ${C} AND ${cell}))),
          range(${C * P}), replicate(lastRet, range(${C * P}))) AS cells`;
  const sql = `SELECT user, ${pre} ${coh} AS coh, groupUniqArrayIf(${bk}, ${inRange} AND ${ret}) AS rt,
        if(length(rt) = 0, -1, arrayReduce('max', rt)) AS lastRet ${cells}
      FROM events
      WHERE time < ${end} AND ${membersSql(ctx, q.segment)}
      GROUP BY user
      HAVING length(coh) > 0`;
  return { starts, sql };
}

/** A retention segment condition: members of the cohort starting in the period of `cohort`. */
export function retentionConditionSql(
  ctx: ChContext,
  q: RetentionQuery,
  cohort: string,
  returnedIn: number,
  field: string,
): string {
  const { starts, sql } = retentionPerUser(ctx, q, null, field);
  const date = cohort.slice(0, 10);
  const first = bucketsCovering(
    { from: date, to: date },
    calendarInterval(q, field),
    ctx.weekStart,
    ctx.timezone,
  ).starts[0];
  const c = first === undefined ? -1 : starts.indexOf(first);
  if (c < 0) return "0";
  const j = c + returnedIn;
  const returned =
    returnedIn === 0
      ? "1"
      : j >= starts.length
        ? "0"
        : (q.measure ?? "on") === "onOrAfter"
          ? `lastRet >= ${j}`
          : `has(rt, ${j})`;
  return `user IN (SELECT user FROM (${sql}) WHERE has(coh, ${c}) AND ${returned})`;
}

export async function runRetentionOn(
  ch: ChClient,
  ctx: ChContext,
  q: RetentionQuery,
  signal?: AbortSignal,
): Promise<RetentionResult> {
  if (q.brackets !== undefined) refuse("query.brackets", "retention brackets are not compiled yet");
  const P = q.periods;
  const { starts, sql: perUser } = retentionPerUser(ctx, q, P, "query");
  const C = starts.length;
  const sql = `SELECT sumForEach(cells) AS v FROM (${perUser})`;
  const [row] = await ch.rows<{ v: number[] }>(sql, PER_USER, signal);
  const v = row?.v ?? [];
  const cohorts = starts.map((start, c) => {
    const values = Array.from({ length: P }, (_, k) => v[c * P + k] ?? 0);
    return { start, size: values[0] ?? outOfBounds(), values, incomplete: Math.max(0, c + P - C) };
  });
  // the curve from the cohorts, by the local engine's own function, so both engines weigh alike
  return { cohorts, curve: retentionCurve(cohorts, P) };
}
