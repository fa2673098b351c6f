import type { TrendsMeasure, TrendsQuery } from "../../../src-preload/contract/trends.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import { noteProperty } from "../known-properties.ts";
import { num, str } from "../literal.ts";
import type { ChContext } from "./context.ts";
import { matcherSql, refuseComputedAttribute } from "./filters.ts";
import { refuse } from "./refuse.ts";
import { membersSql } from "./segment.ts";

// The SQL of one trends series over one span (see trends.ts for how the rows become the answer).
// `perUserSql` gives one row per (user, bucket, breakdown value) with the counts and the property's
// numbers of that user's matching events there: each shard computes its own users completely.
// Breakdown values travel as (bt, bn, bs): the type tag of the local engine's columns (0 missing,
// 1 number, 2 string, 3 boolean), the number (or 1/0 for a boolean) and the string.

/** Beyond every sum of whole numbers below this, a float sum depends on the order it is taken in. */
const EXACT_INTEGERS = 9_007_199_254_740_992;

/**
 * The 0-based bucket of `time` among sorted ms bounds (computed in JavaScript by the local engine's
 * own functions; the caller keeps `time` inside [bounds[0], bounds[last])). A multiIf or an
 * unrolled binary search is too big for thousands of hour bounds (18.16 expands aliases into one
 * tree), so: a table gives the bucket at the start of each grid step of `grid` ms, and the few
 * bounds inside that step (at most `maxInside`) are compared one by one. The bounds array is padded
 * with instants past any time, so a comparison past its end is false.
 */
export function bucketAliases(bounds: ArrayLike<number>, grid: number): string {
  const bucketCount = bounds.length - 1;
  const b0 = bounds[0] ?? outOfBounds();
  const steps = Math.ceil(((bounds[bucketCount] ?? outOfBounds()) - b0) / grid);
  const table: number[] = [];
  let k = 0;
  let maxInside = 1;
  for (let gridStep = 0; gridStep < steps; gridStep++) {
    const at = b0 + gridStep * grid;
    while (k + 1 < bucketCount && (bounds[k + 1] ?? outOfBounds()) <= at) k++;
    table.push(k);
    let inside = 0;
    for (let j = k + 1; j <= bucketCount && (bounds[j] ?? outOfBounds()) < at + grid; j++) inside++;
    maxInside = Math.max(maxInside, inside);
  }
  const padded: string[] = [];
  for (let i = 0; i <= bucketCount; i++) padded.push(String(bounds[i]));
  for (let i = 0; i < maxInside; i++) padded.push(String(Number.MAX_SAFE_INTEGER));
  const cmp: string[] = [];
  for (let j = 1; j <= maxInside; j++) cmp.push(`toInt32(bnd_[f_ + ${j + 1}] <= time)`);
  return [
    `CAST([${padded.join(",")}] AS Array(Int64)) AS bnd_`,
    `CAST([${table.join(",")}] AS Array(Int32)) AS tbl_`,
    `tbl_[intDiv(time - ${b0}, ${grid}) + 1] AS f_`,
    `toInt32(f_ + ${cmp.join(" + ")}) AS b`,
  ].join(",\n        ");
}

/** The breakdown value columns (bt, bn, bs) read from one side's arrays, normalised per type. */
function valueCols(side: "p" | "a", property: string, prefix: string): string {
  noteProperty(side === "p" ? "event" : "user", property);
  const keySlotSql = `indexOf(${side}_keys, ${str(property)})`;
  return `toUInt8(${side}_types[${keySlotSql}]) AS ${prefix}t_,
        if(${prefix}t_ = 1 OR ${prefix}t_ = 3, ${side}_num[${keySlotSql}] + 0, toFloat64(0)) AS bn,
        if(${prefix}t_ = 2, ${side}_str[${keySlotSql}], '') AS bs,
        ${prefix}t_ AS bt`;
}

export type ValueNeed = "none" | "minmax" | "sum" | "all";

export function valueNeed(m: TrendsMeasure | undefined): ValueNeed {
  if (typeof m !== "object") return "none";
  if (m.fn === "min" || m.fn === "max") return "minmax";
  return m.fn === "sum" || m.fn === "avg" ? "sum" : "all";
}

function refuseVirtual(property: string, field: string): void {
  if (property === "$event" || property === "$hour" || property === "$weekday")
    refuse(field, `the virtual property ${property} is computed on this laptop`);
}

/** SELECT user, b, bt, bn, bs, ev_ [, cnt_, s_, mn_, mx_, frac_, mag_, vals_] per user and cell. */
export function perUserSql(
  ctx: ChContext,
  query: TrendsQuery,
  i: number,
  bounds: ArrayLike<number>,
  span: [number, number],
): string {
  const series = query.series[i] ?? outOfBounds();
  const field = `series[${i}]`;
  const measure = series.measure;
  const bd = query.breakdown;
  if (typeof measure === "object") refuseVirtual(measure.property, `${field}.measure.property`);
  if (bd) {
    refuseVirtual(bd.property, "breakdown.property");
    if (bd.scope === "user") refuseComputedAttribute(bd.property, "breakdown.property");
  }
  const eventScope = bd !== undefined && bd.scope !== "user";
  // a grid step no longer than a bucket usually is, so few bounds fall inside one
  const grid = query.interval === "hour" ? 3_600_000 : 86_400_000;
  const cols = ["user", "time", "seq", bucketAliases(bounds, grid)];
  if (eventScope) cols.push(valueCols("p", bd.property, "p"));
  if (typeof measure === "object") {
    noteProperty("event", measure.property);
    const measureIndexSql = `indexOf(p_keys, ${str(measure.property)})`;
    cols.push(`p_types[${measureIndexSql}] AS xt_`, `p_num[${measureIndexSql}] AS x_`);
  }
  const aggs = ["count() AS ev_"];
  const need = valueNeed(measure);
  if (need !== "none")
    aggs.push("countIf(xt_ = 1) AS cnt_", "minIf(x_, xt_ = 1) AS mn_", "maxIf(x_, xt_ = 1) AS mx_");
  if (need === "sum" || need === "all")
    aggs.push(
      "sumIf(x_, xt_ = 1) AS s_",
      "countIf(xt_ = 1 AND x_ != floor(x_)) AS frac_",
      "sumIf(abs(x_), xt_ = 1) AS mag_",
      "groupArrayIf((time, seq, x_), xt_ = 1) AS vals_",
    );
  const keys = eventScope ? "user, b, bt, bn, bs" : "user, b";
  const where = [
    `time >= ${span[0]}`,
    `time < ${span[1]}`,
    matcherSql(series.event, query.where, `${field}.event`, ctx.timezone),
    membersSql(ctx, query.segment),
  ].join(" AND ");
  const grouped = `SELECT ${keys}, ${aggs.join(", ")}
    FROM (SELECT ${cols.join(",\n        ")} FROM events WHERE ${where})
    GROUP BY ${keys}`;
  if (eventScope) return grouped;
  const names = ["user", "b", ...aggs.map((a) => a.slice(a.lastIndexOf(" ") + 1))].join(", ");
  if (!bd) return `SELECT ${names}, toUInt8(0) AS bt, toFloat64(0) AS bn, '' AS bs FROM (${grouped})`;
  // a user attribute: joined to the per-user rows (aliases on both sides: current ClickHouse
  // refuses a JOIN of unnamed subqueries); a user without a row reads as missing
  return `SELECT ${names}, bt, bn, bs FROM (${grouped}) AS f ANY LEFT JOIN
      (SELECT user, ${valueCols("a", bd.property, "a")} FROM users FINAL) AS u USING user`;
}

/** One row per (value, bucket): events, distinct users, the property's count, sum, min, max. */
export function cellsSql(per: string, need: ValueNeed): string {
  const cols = ["bt", "bn", "bs", "b", "sum(ev_) AS ev", "count() AS us"];
  if (need !== "none")
    cols.push("sum(cnt_) AS cnt", "minIf(mn_, cnt_ > 0) AS mn", "maxIf(mx_, cnt_ > 0) AS mx");
  // a sum of whole numbers below 2^53 is the same in any order; any other sum is taken in JS in
  // the local engine's order (user, then time and seq), from the numbers themselves
  if (need === "sum")
    cols.push(
      "sum(s_) AS s",
      `(sum(frac_) = 0 AND sum(mag_) < ${EXACT_INTEGERS}) AS safe`,
      // (18.16 gives an `if` of an empty array and a typed one no common type)
      "arraySlice(groupArray((user, vals_)), 1, if(safe, 0, count())) AS vs",
    );
  if (need === "all") cols.push("sum(s_) AS s", "0 AS safe", "groupArray((user, vals_)) AS vs");
  return `SELECT ${cols.join(", ")} FROM (${per}) GROUP BY bt, bn, bs, b`;
}

/** Per value, how many users have their first matching event in each bucket (distinct users so far). */
export function firstBucketsSql(per: string): string {
  return `SELECT bt, bn, bs, fb, count() AS n FROM
    (SELECT bt, bn, bs, user, min(b) AS fb FROM (${per}) GROUP BY bt, bn, bs, user)
    GROUP BY bt, bn, bs, fb`;
}

export type ValueKey = { bt: number; bn: number; bs: string };

function tupleOf(v: ValueKey): string {
  return `(toUInt8(${v.bt}), ${num(v.bn)}, ${str(v.bs)})`;
}

/** "$other" of a `users` measure: distinct users over the merged values, per bucket and first bucket. */
export function otherUsersSql(
  per: string,
  others: readonly ValueKey[],
): { perBucket: string; first: string } {
  const inSet = `has([${others.map(tupleOf).join(", ")}], (bt, bn, bs))`;
  return {
    perBucket: `SELECT b AS k, count() AS n FROM
      (SELECT user, b FROM (${per}) WHERE ${inSet} GROUP BY user, b) GROUP BY k`,
    first: `SELECT fb AS k, count() AS n FROM
      (SELECT user, min(b) AS fb FROM (${per}) WHERE ${inSet} GROUP BY user) GROUP BY k`,
  };
}
