import type { MessageEngagementQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { MessageEngagementResult } from "../../../src-preload/contract/metric-results.ts";
import { durationMs } from "../../engine/calendar.ts";
import { Calendar, resolveRange } from "../../engine/metrics/calendar.ts";
import { topGroups } from "../../engine/metrics/groups.ts";
import { type Counts, DEFAULT_CONVERSION_WINDOW, emptyCounts, toRow } from "../../engine/metrics/messages.ts";
import type { ChClient } from "../http.ts";
import type { ChContext } from "./context.ts";
import { matcherSql } from "./filters.ts";
import { PER_USER } from "./per-user.ts";
import { keyValue, propKeySql } from "./prop-value.ts";
import { membersSql } from "./segment.ts";

// messageEngagement as engine/metrics/messages.ts. Each message event in the range is one flag (the
// first of send, delivered, open, click it matches), in a group of its `by` value. Per user and
// group, on the user's shard: the flags OR-ed, the sends counted, and "converted" when a conversion
// event comes after the group's first open (in time, then import order, as the local scan meets
// them) within the window. The whole user is one more group (key tag 255), the total row. Only
// per-(user, group) tuples leave the shards; counts are integers.

const TOTAL = "(toUInt8(255), '', 0.)";

interface Row {
  k: [number, string, number];
  users: number;
  messages: number;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  converted: number;
  first: [number, [number, number]];
}

export async function runMessageEngagementOn(
  ch: ChClient,
  ctx: ChContext,
  query: MessageEngagementQuery,
  signal?: AbortSignal,
): Promise<MessageEngagementResult> {
  const range = resolveRange(query.range, ctx.asOf);
  const cal = new Calendar(range.from, range.to, ctx.timezone);
  const windowMs = durationMs(query.conversionWindow ?? DEFAULT_CONVERSION_WINDOW);
  const matchSql = (x: Parameters<typeof matcherSql>[0], field: string) =>
    matcherSql(x, query.where, field, ctx.timezone);
  const flag = `toUInt8(multiIf(${matchSql(query.send, "send")}, 1, ${query.delivered ? `${matchSql(query.delivered, "delivered")}, 2, ` : ""}${matchSql(query.open, "open")}, 4, ${matchSql(query.click, "click")}, 8, 0))`;
  const conv = query.conversion ? matchSql(query.conversion, "conversion") : "0";
  const key = query.by ? propKeySql("p", query.by) : "(toUInt8(0), '', 0.)";
  const of = (cond: string) => `arrayFilter(x -> x.1 = k${cond}, ms)`;
  const opens = `arraySort(arrayMap(x -> (x.3, x.4), ${of(" AND x.2 = 4")}))`;
  const perUser = `SELECT user,
      groupArrayIf((time, seq), ${conv}) AS cv,
      groupArrayIf((${key}, ${flag}, time, seq), ${flag} != 0) AS ms0,
      arrayConcat(ms0, arrayMap(x -> (${TOTAL}, x.2, x.3, x.4), ms0)) AS ms,
      arrayDistinct(arrayMap(x -> x.1, ms)) AS ks,
      arrayMap(k -> (
        arrayReduce('groupBitOr', arrayMap(x -> x.2, ${of("")})),
        length(${opens}) > 0 AND arrayExists(c -> c > ${opens}[1] AND c.1 <= ${opens}[1].1 + ${windowMs}, cv),
        arrayCount(x -> x.1 = k AND x.2 = 1, ms),
        arraySort(arrayMap(x -> (x.3, x.4), ${of("")}))[1]), ks) AS st
    FROM events
    WHERE time >= ${cal.startMs} AND time < ${cal.endMs} AND ${membersSql(ctx, query.segment)}
      AND (${flag} != 0 OR ${conv})
    GROUP BY user HAVING length(ms0) > 0`;
  const bit = (b: number) => `countIf(bitAnd(s.1, ${b}) != 0)`;
  const rows = await ch.rows<Row>(
    `SELECT k, count() AS users, sum(s.3) AS messages, ${bit(1)} AS sent,
       ${bit(query.delivered ? 2 : 1)} AS delivered, ${bit(4)} AS opened, ${bit(8)} AS clicked,
       countIf(s.2) AS converted, min((user, s.4)) AS first
     FROM (${perUser}) ARRAY JOIN ks AS k, st AS s GROUP BY k`,
    PER_USER,
    signal,
  );
  const counts = (row: Row | undefined, value: Counts["value"]): Counts => {
    const c = emptyCounts(value);
    if (!row) return c;
    for (const f of ["users", "messages", "sent", "delivered", "opened", "clicked", "converted"] as const)
      c[f] = row[f];
    return c;
  };
  const total = counts(
    rows.find((x) => x.k[0] === 255),
    null,
  );
  // the local engine meets the groups in order of their first message (user, time, import order)
  const groups = rows
    .filter((x) => x.k[0] !== 255)
    .sort((a, b) => cmpFirst(a.first, b.first))
    .map((x) => counts(x, keyValue(x.k)));
  const withConversion = query.conversion !== undefined;
  const top = topGroups(groups, query.limit ?? 20, (into, g) => {
    for (const k of ["users", "messages", "sent", "delivered", "opened", "clicked", "converted"] as const)
      into[k] += g[k];
  });
  return {
    total: toRow(total, withConversion),
    rows: query.by ? top.map((g) => toRow(g, withConversion)) : [],
  };
}

function cmpFirst(a: Row["first"], b: Row["first"]): number {
  return a[0] - b[0] || a[1][0] - b[1][0] || a[1][1] - b[1][1];
}
