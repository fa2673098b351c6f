import type { FeatureAdoptionQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { FeatureAdoptionResult } from "../../../src-preload/contract/metric-results.ts";
import { adoptionResult } from "../../engine/metrics/adoption.ts";
import { resolveRange } from "../../engine/metrics/calendar.ts";
import type { ChClient } from "../http.ts";
import { strArray } from "../literal.ts";
import type { ChContext } from "./context.ts";
import { activitySql, matcherSql } from "./filters.ts";
import { flagsSql, metricPeriods, periodOfSql } from "./metric-periods.ts";
import { PER_USER } from "./per-user.ts";
import { membersSql } from "./segment.ts";

// Feature adoption as engine/metrics/adoption.ts: the range's active users (and per period), then
// per (user, feature) on the user's shard: the feature's events in the range and the periods it was
// used in while the user was active there; one sum per feature. Only active users' events count,
// through IN sets (user, and (user, period)) that each shard evaluates on its own users.

const ANY = { event: null };

interface FeatureRow {
  event: string;
  users: number;
  events: number;
  pp: number[];
}

export async function runFeatureAdoptionOn(
  ch: ChClient,
  ctx: ChContext,
  query: FeatureAdoptionQuery,
  signal?: AbortSignal,
): Promise<FeatureAdoptionResult> {
  const range = resolveRange(query.range, ctx.asOf);
  const periods = metricPeriods(range.from, range.to, ctx.timezone, query.interval ?? "week", ctx.weekStart);
  const np = periods.starts.length;
  const periodSql = periodOfSql(periods);
  const inRange = `time >= ${periods.bounds[0]} AND time < ${periods.bounds[np]}`;
  const members = membersSql(ctx, query.segment);
  const act = `${inRange} AND ${activitySql(ctx, query.active ?? ANY, query.where, "active")} AND ${members}`;
  const [activeRow] = await ch.rows<{ n: number; ap: number[] }>(
    `SELECT count() AS n, sumForEach(f) AS ap FROM (
       SELECT user, groupUniqArrayIf(${periodSql}, ${act}) AS ps, ${flagsSql("ps", np)} AS f
       FROM events WHERE ${members} GROUP BY user HAVING length(ps) > 0)`,
    PER_USER,
    signal,
  );
  const explicit = query.events !== undefined;
  const wanted = explicit ? [...new Set(query.events)] : null;
  const feature = wanted ? `has(${strArray(wanted)}, event)` : "event != ''";
  const rows = await ch.rows<FeatureRow>(
    `SELECT event, count() AS users, sum(n) AS events, sumForEach(pf) AS pp FROM (
       SELECT user, event, count() AS n,
         groupUniqArrayIf(${periodSql}, (user, ${periodSql}) IN (SELECT user, ${periodSql} FROM events WHERE ${act})) AS ps,
         ${flagsSql("ps", np)} AS pf
       FROM events
       WHERE ${inRange} AND ${feature} AND ${matcherSql(ANY, query.where, "where", ctx.timezone)} AND ${members}
         AND user IN (SELECT user FROM events WHERE ${act})
       GROUP BY user, event)
     GROUP BY event`,
    PER_USER,
    signal,
  );
  const byName = new Map(rows.map((x) => [x.event, x]));
  const names = wanted ?? rows.map((x) => x.event);
  const perPeriod: number[] = [];
  for (const name of names) {
    const pp = byName.get(name)?.pp;
    for (let k = 0; k < np; k++) perPeriod.push(pp?.[k] ?? 0);
  }
  return adoptionResult({
    names,
    explicit,
    activeUsers: activeRow?.n ?? 0,
    users: names.map((x) => byName.get(x)?.users ?? 0),
    events: names.map((x) => byName.get(x)?.events ?? 0),
    perPeriod,
    periodStarts: periods.starts,
    activePeriod: Array.from({ length: np }, (_, k) => activeRow?.ap?.[k] ?? 0),
  });
}
