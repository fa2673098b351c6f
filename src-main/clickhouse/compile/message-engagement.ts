import type { MessageEngagementQuery } from "../../../src-preload/contract/metric-queries.ts";
import type { MessageEngagementResult } from "../../../src-preload/contract/metric-results.ts";
import { durationMs } from "../../engine/calendar.ts";
import { Calendar, resolveRange } from "../../engine/metrics/calendar.ts";
import { rankGroups } from "../../engine/metrics/groups.ts";
import { type Counts, DEFAULT_CONVERSION_WINDOW, emptyCounts, toRow } from "../../engine/metrics/messages.ts";
import { outOfBounds } from "../../engine/typed-index.ts";
import type { ChClient } from "../http.ts";
import { num, str } from "../literal.ts";
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
// per-(user, group) tuples leave the shards; counts are integers. The "other" row counts distinct
// users, so once the kept groups are known a second query ORs each user's states over the groups
// not kept (as the engine's otherCounts does); its `messages` is the merged groups' sum.

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
  const bitOf = (flags: string, b: number) => `countIf(bitAnd(${flags}, ${b}) != 0)`;
  const stageCounts = (flags: string, converted: string) =>
    `${bitOf(flags, 1)} AS sent, ${bitOf(flags, query.delivered ? 2 : 1)} AS delivered,
       ${bitOf(flags, 4)} AS opened, ${bitOf(flags, 8)} AS clicked, countIf(${converted}) AS converted`;
  const rows = await ch.rows<Row>(
    `SELECT k, count() AS users, sum(s.3) AS messages, ${stageCounts("s.1", "s.2")},
       min((user, s.4)) AS first
     FROM (${perUser}) ARRAY JOIN ks AS k, st AS s GROUP BY k`,
    PER_USER,
    signal,
  );
  const counts = (row: Omit<Row, "k" | "first"> | undefined, value: Counts["value"]): Counts => {
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
  const keyOf = new Map<Counts, Row["k"]>();
  const groups = rows
    .filter((x) => x.k[0] !== 255)
    .sort((a, b) => cmpFirst(a.first, b.first))
    .map((row) => {
      const group = counts(row, keyValue(row.k));
      keyOf.set(group, row.k);
      return group;
    });
  const withConversion = query.conversion !== undefined;
  const { kept, rest } = rankGroups(groups, query.limit ?? 20);
  const top = [...kept];
  if (rest.length > 0) {
    // the kept keys (at most `limit`) rather than the merged ones (any number) name the other row
    const keptKeys = kept.map((group) => {
      const [tag, text, number] = keyOf.get(group) ?? outOfBounds();
      return `(toUInt8(${tag}), ${str(text)}, ${num(number)})`;
    });
    const merged = `arrayFilter((s, k) -> k.1 != 255 AND NOT has([${keptKeys.join(", ")}], k), st, ks)`;
    const [otherRow] = await ch.rows<Omit<Row, "k" | "first">>(
      `SELECT count() AS users, 0 AS messages, ${stageCounts("f", "c")}
       FROM (SELECT ${merged} AS os, arrayReduce('groupBitOr', arrayMap(s -> s.1, os)) AS f,
               arrayExists(s -> s.2, os) AS c
             FROM (${perUser}) WHERE length(os) > 0)`,
      PER_USER,
      signal,
    );
    const other = counts(otherRow, null);
    other.other = true;
    for (const group of rest) other.messages += group.messages;
    top.push(other);
  }
  return {
    total: toRow(total, withConversion),
    rows: query.by ? top.map((g) => toRow(g, withConversion)) : [],
  };
}

function cmpFirst(a: Row["first"], b: Row["first"]): number {
  return a[0] - b[0] || a[1][0] - b[1][0] || a[1][1] - b[1][1];
}
