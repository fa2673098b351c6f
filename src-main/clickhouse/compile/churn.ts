import type { ChurnQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { ChurnResult } from "../../../src-preload/contract/metric-results.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { periodSpan, resolveRange } from "../../engine/metrics/calendar.ts";
import { churnRows } from "../../engine/metrics/churn.ts";
import type { ChClient } from "../http.ts";
import type { ChContext } from "./context.ts";
import { createdBucketSql } from "./created-bucket.ts";
import { activitySql } from "./filters.ts";
import { flagsSql, type MetricPeriods, metricPeriods, periodOfSql } from "./metric-periods.ts";
import { PER_USER } from "./per-user.ts";
import { membersSql, segmentSql } from "./segment.ts";

// Churn as engine/metrics/churn.ts. Per user (on its shard): the periods with activity, whether the
// user was created in each, and whether they were active in the next one too; the sums of these
// flags are the counts, and the rows are the engine's own (churnRows).

const ANY = { event: null };

interface Counts {
  active: number[];
  isNew: number[];
  retained: number[];
}

async function counts(
  ch: ChClient,
  p: MetricPeriods,
  act: string,
  members: string,
  signal: AbortSignal | undefined,
): Promise<Counts> {
  const np = p.starts.length;
  const sql = `SELECT sumForEach(pa) AS active, sumForEach(pn) AS isNew, sumForEach(pr) AS retained
    FROM (
      SELECT user, groupUniqArrayIf(${periodOfSql(p)}, time >= ${p.bounds[0]} AND ${act}) AS ps,
        min(time) AS first, ${createdBucketSql(p.bounds)} AS cb,
        ${flagsSql("ps", np)} AS pa,
        arrayMap(k -> toUInt64(has(ps, k) AND cb = k), range(${np})) AS pn,
        arrayMap(k -> toUInt64(has(ps, k) AND has(ps, k + 1)), range(${np})) AS pr
      FROM events
      WHERE time < ${p.bounds[np]} AND ${members}
      GROUP BY user
      HAVING length(ps) > 0)`;
  const [row] = await ch.rows<Counts>(sql, PER_USER, signal);
  const full = (a: number[] | undefined) => (a && a.length === np ? a : new Array<number>(np).fill(0));
  return { active: full(row?.active), isNew: full(row?.isNew), retained: full(row?.retained) };
}

export async function runChurnOn(
  ch: ChClient,
  ctx: ChContext,
  query: ChurnQuery,
  signal?: AbortSignal,
): Promise<ChurnResult> {
  const span = periodSpan(resolveRange(query.range, ctx.asOf), query.interval, ctx.weekStart);
  const spanPeriods = metricPeriods(span.from, span.to, ctx.timezone, query.interval, ctx.weekStart);
  const act = activitySql(ctx, query.event ?? ANY, query.where, "event");
  const rows = async (members: string) => {
    const c = await counts(ch, spanPeriods, act, members, signal);
    return churnRows(spanPeriods.starts, c.active, c.isNew, c.retained);
  };
  const result: ChurnResult = { periods: await rows(membersSql(ctx, query.segment)) };
  if (query.segments) {
    result.bySegment = [];
    for (const [i, namedSegment] of query.segments.entries()) {
      const both: Segment =
        query.segment === undefined ? namedSegment.segment : { all: [query.segment, namedSegment.segment] };
      const field = `segments[${i}].segment`;
      const [sizeRow] = await ch.rows<{ n: number }>(
        `SELECT countIf(${segmentSql(ctx, both, field)}) AS n FROM users FINAL`,
        {},
        signal,
      );
      const periods = await rows(
        `user IN (SELECT user FROM users FINAL WHERE ${segmentSql(ctx, both, field)})`,
      );
      result.bySegment.push({ name: namedSegment.name, users: sizeRow?.n ?? 0, periods });
    }
  }
  return result;
}
