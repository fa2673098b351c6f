import type { RetentionQuery } from "../../../src-preload/contract/queries.ts";
import type { RetentionCohort, RetentionResult } from "../../../src-preload/contract/results.ts";
import { retentionCurve } from "../../engine/retention-curve.ts";
import { cohortIndex, retentionPeriods } from "../../engine/retention-periods.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import type { ChClient } from "../http.ts";
import { str } from "../literal.ts";
import { bucketOf } from "./calendar.ts";
import { type ChContext, spanOf } from "./context.ts";
import { matcherSql } from "./filters.ts";
import { PER_USER } from "./per-user.ts";
import { membersSql } from "./segment.ts";

// Retention as engine/retention.ts. Per user (on its shard): the cohorts joined (`coh`) and the
// periods with a return (`rt`); then one sum per (cohort, k) cell.

interface PerUser {
  starts: string[];
  /** SELECT user, coh (cohorts joined), rt (periods with a return), lastRet [, cells] per user */
  sql: string;
}

/**
 * Each user's cohorts and returns (and with `periodCount`, their contribution to every (cohort, k)
 * cell and to every bracket of every cohort). The periods (hours too: local clock hours, a repeated
 * fall-back hour one period from its first pass) are the local engine's, written in as instants.
 */
export function retentionPerUser(
  ctx: ChContext,
  query: RetentionQuery,
  periodCount: number | null,
  field: string,
): PerUser {
  const { starts, bounds } = retentionPeriods(
    spanOf(ctx, query.range),
    query.interval,
    ctx.weekStart,
    ctx.timezone,
  );
  const cohortCount = starts.length;
  const first = bounds[0] ?? outOfBounds();
  const end = bounds[cohortCount] ?? outOfBounds();
  const mode = query.mode ?? "recurring";
  const onOrAfter = (query.measure ?? "on") === "onOrAfter";
  const target = matcherSql(query.target, query.where, `${field}.target`, ctx.timezone);
  const ret = matcherSql(query.return, query.where, `${field}.return`, ctx.timezone);
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
    const named = query.target.event === null ? "1" : `event = ${str(query.target.event)}`;
    pre = `countIf(${named}) AS n0_, minIf(time, ${named}) AS t0_, argMinIf(${target}, (time, seq), ${named}) AS pass_,`;
  }
  // cell i is (cohort intDiv(i, periodCount), k = i % periodCount); written with one lambda level,
  // since 18.16 loses the columns of an aggregate that a nested lambda reads
  const cellPeriodSql = `(intDiv(i, ${periodCount ?? 1}) + i % ${periodCount ?? 1})`;
  // lastRet reaches the lambda as an argument (replicate), not a capture: a captured alias of an
  // expression over aggregates is recomputed from columns inside the lambda, which fails
  const cell = onOrAfter ? `${cellPeriodSql} <= lr` : `has(rt, ${cellPeriodSql})`;
  const cells =
    periodCount === null
      ? ""
      : `, arrayMap((i, lr) -> toUInt64(has(coh, intDiv(i, ${periodCount})) AND (i % ${periodCount} = 0 OR (${cellPeriodSql} < ${cohortCount} AND ${cell}))),
          range(${cohortCount * periodCount}), replicate(lastRet, range(${cohortCount * periodCount}))) AS cells${bracketCells(query, cohortCount)}`;
  const sql = `SELECT user, ${pre} ${coh} AS coh, groupUniqArrayIf(${bk}, ${inRange} AND ${ret}) AS rt,
        if(length(rt) = 0, -1, arrayReduce('max', rt)) AS lastRet ${cells}
      FROM events
      WHERE time < ${end} AND ${membersSql(ctx, query.segment)}
      GROUP BY user
      HAVING length(coh) > 0`;
  return { starts, sql };
}

/**
 * Per (cohort c, bracket b), cell c * B + b: a member who returned in one of the bracket's periods
 * that were read, c + from .. min(c + to, C - 1) (onOrAfter: any return at c + from or later). One
 * lambda level over the cell index, the bracket's bounds written in as arrays.
 */
function bracketCells(q: RetentionQuery, C: number): string {
  const bs = q.brackets ?? [];
  const B = bs.length;
  if (B === 0) return "";
  const from = `[${bs.map((b) => b.from).join(", ")}]`;
  const to = `[${bs.map((b) => b.to).join(", ")}]`;
  const lo = `(intDiv(i, ${B}) + ${from}[i % ${B} + 1])`;
  const hi = `least(intDiv(i, ${B}) + ${to}[i % ${B} + 1], ${C - 1})`;
  const hit =
    (q.measure ?? "on") === "onOrAfter" ? `${lo} <= lr` : `arrayExists(x -> x >= ${lo} AND x <= ${hi}, r)`;
  return `, arrayMap((i, lr, r) -> toUInt64(has(coh, intDiv(i, ${B})) AND ${hit}),
          range(${C * B}), replicate(lastRet, range(${C * B})), replicate(rt, range(${C * B}))) AS bcells`;
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
  const c = cohortIndex(starts, cohort, q.interval, ctx.weekStart);
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
  query: RetentionQuery,
  signal?: AbortSignal,
): Promise<RetentionResult> {
  const periodCount = query.periods;
  const { starts, sql: perUser } = retentionPerUser(ctx, query, periodCount, "query");
  const cohortCount = starts.length;
  const brackets = query.brackets ?? [];
  const bracketCount = brackets.length;
  const sql = `SELECT sumForEach(cells) AS v${bracketCount > 0 ? ", sumForEach(bcells) AS bv" : ""} FROM (${perUser})`;
  const [row] = await ch.rows<{ v: number[]; bv?: number[] }>(sql, PER_USER, signal);
  const cellSums = row?.v ?? [];
  const bv = row?.bv ?? [];
  const cohorts = starts.map((start, c): RetentionCohort => {
    const values = Array.from({ length: periodCount }, (_, k) => cellSums[c * periodCount + k] ?? 0);
    const cohort: RetentionCohort = {
      start,
      size: values[0] ?? outOfBounds(),
      values,
      incomplete: Math.max(0, c + periodCount - cohortCount),
    };
    if (bracketCount > 0) {
      cohort.brackets = Array.from({ length: bracketCount }, (_, b) => bv[c * bracketCount + b] ?? 0);
      cohort.bracketsIncomplete = brackets.filter((b) => c + b.to >= cohortCount).length;
    }
    return cohort;
  });
  // the curve from the cohorts, by the local engine's own function, so both engines weigh alike
  return { cohorts, curve: retentionCurve(cohorts, periodCount) };
}
