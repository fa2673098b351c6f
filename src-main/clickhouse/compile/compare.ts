import type { CompareMetric, CompareQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { CompareMetricResult, CompareResult } from "../../../src-preload/contract/metric-results.ts";
import type { FunnelQuery } from "../../../src-preload/contract/queries.ts";
import type { FunnelResult } from "../../../src-preload/contract/results.ts";
import { Calendar, maxDate, resolveRange } from "../../engine/metrics/calendar.ts";
import {
  DEFAULT_ALPHA,
  defaultLabel,
  funnelMeasure,
  funnelMetricQuery,
  type Measure,
  MIN_USERS,
  test,
  toValue,
} from "../../engine/metrics/compare.ts";
import { moments } from "../../engine/metrics/stats.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import type { ChClient } from "../http.ts";
import type { ChContext } from "./context.ts";
import { dayIndexSql } from "./day-index.ts";
import { matcherSql } from "./filters.ts";
import { PER_USER } from "./per-user.ts";
import { propParts } from "./prop-value.ts";
import { membersSql, segmentSql } from "./segment.ts";

// compare as engine/metrics/compare.ts. A funnel metric is the cluster's own funnel (its first and
// last step counts), as the local engine runs its own. Proportions (rate, retention) are integer
// counts from per-user rows on the shards. Means (events or revenue per user) go through Welford's
// running mean and variance over every member in user order, whose rounding depends on that order:
// the members' per-user values are fetched in users.id order (members without events count 0) and
// the local engine's moments() finishes them. The tests are the local engine's own functions.

export type FunnelRunner = (q: FunnelQuery) => Promise<FunnelResult>;

export async function runCompareOn(
  ch: ChClient,
  ctx: ChContext,
  query: CompareQuery,
  funnel: FunnelRunner,
  signal?: AbortSignal,
): Promise<CompareResult> {
  const range = resolveRange(query.range, ctx.asOf);
  const alpha = query.alpha ?? DEFAULT_ALPHA;
  const sizes: number[] = [];
  for (const namedSegment of query.segments) {
    const [row] = await ch.rows<{ n: number }>(
      `SELECT countIf(${segmentSql(ctx, namedSegment.segment)}) AS n FROM users FINAL`,
      {},
      signal,
    );
    sizes.push(row?.n ?? 0);
  }
  const metrics: CompareMetricResult[] = [];
  for (const metric of query.metrics) {
    const measures: Measure[] = [];
    for (let i = 0; i < query.segments.length; i++) {
      const segment = query.segments[i]?.segment;
      if (metric.type === "funnel") {
        measures.push(
          funnelMeasure(await funnel(funnelMetricQuery(metric, query, range, ctx.timezone, segment))),
        );
      } else {
        const members = membersSql(ctx, segment);
        measures.push(await measure(ch, ctx, query, metric, members, sizes[i] ?? 0, range, signal));
      }
    }
    const values = measures.map((m, i) => toValue(query.segments[i]?.name ?? "", m));
    const tests = measures.slice(1).map((m, i) => test(measures[0] ?? outOfBounds(), m, i + 1, alpha));
    metrics.push({ type: metric.type, label: metric.label ?? defaultLabel(metric), values, tests });
  }
  return {
    segments: query.segments.map((s, i) => ({ name: s.name, users: sizes[i] ?? 0 })),
    alpha,
    minUsers: MIN_USERS,
    metrics,
  };
}

async function measure(
  ch: ChClient,
  ctx: ChContext,
  query: CompareQuery,
  metric: Exclude<CompareMetric, { type: "funnel" }>,
  members: string,
  size: number,
  range: { from: string; to: string },
  signal?: AbortSignal,
): Promise<Measure> {
  if (metric.type === "retention") {
    const cal = new Calendar(range.from, maxDate(ctx.asOf, range.to), ctx.timezone);
    const rangeEnd = cal.indexOfDate(range.to);
    const asOfDay = cal.indexOfDate(ctx.asOf);
    const day = dayIndexSql(cal.starts, "time");
    const target = `${matcherSql(metric.target, query.where, "target", ctx.timezone)} AND d <= ${rangeEnd}`;
    // the first target event in the range starts the clock; day N is calendar day d0 + N
    const [row] = await ch.rows<{ n: number; s: number }>(
      `SELECT countIf(d0 + ${metric.day} <= ${asOfDay}) AS n,
         countIf(d0 + ${metric.day} <= ${asOfDay} AND has(back, d0 + ${metric.day})) AS s
       FROM (SELECT user, minIf(${day} AS d, ${target}) AS d0, countIf(${target}) AS started,
               groupUniqArrayIf(d, ${matcherSql(metric.return, query.where, "return", ctx.timezone)}) AS back
             FROM events WHERE time >= ${cal.startMs} AND time < ${cal.endMs} AND ${members}
             GROUP BY user HAVING started > 0)`,
      PER_USER,
      signal,
    );
    return { kind: "proportion", n: row?.n ?? 0, successes: row?.s ?? 0 };
  }
  const cal = new Calendar(range.from, range.to, ctx.timezone);
  const where = `time >= ${cal.startMs} AND time < ${cal.endMs} AND ${matcherSql(metric.event, query.where, "event", ctx.timezone)} AND ${members}`;
  if (metric.type === "rate") {
    const [row] = await ch.rows<{ s: number }>(
      `SELECT uniqExact(user) AS s FROM events WHERE ${where}`,
      {},
      signal,
    );
    return { kind: "proportion", n: size, successes: row?.s ?? 0 };
  }
  const revenueParts = metric.type === "revenuePerUser" ? propParts("p", metric.property) : null;
  // a user's revenue is summed in their event order, as locally
  const valueSql = revenueParts
    ? `arraySum(arrayMap(x -> x.3, arraySort(groupArrayIf((time, seq, ${revenueParts.num}), ${revenueParts.tag} = 1))))`
    : "count()";
  const hits = new Map<number, number>();
  for (const row of await ch.rows<{ user: number; v: number }>(
    `SELECT user, ${valueSql} AS v FROM events WHERE ${where} GROUP BY user`,
    PER_USER,
    signal,
  ))
    hits.set(row.user, row.v);
  const ids = await ch.rows<{ user: number }>(
    `SELECT user FROM users FINAL WHERE ${members} ORDER BY user`,
    {},
    signal,
  );
  return { kind: "mean", m: moments(ids.map((u) => hits.get(u.user) ?? 0)) };
}
