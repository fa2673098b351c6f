import type {
  TrendsEntry,
  TrendsMeasure,
  TrendsQuery,
  TrendsResult,
  TrendsValue,
} from "../../../src-preload/contract/trends.ts";
import { type DateSpan, spanInstants } from "../../engine/calendar.ts";
import { previousSpan, trendBuckets } from "../../engine/trends/buckets.ts";
import { type Cells, mergeValuesInto, newCells } from "../../engine/trends/cells.ts";
import { type Finished, finish } from "../../engine/trends/finish.ts";
import { formulaEntries, OTHER } from "../../engine/trends/run-trends.ts";
import { breakdownOf, NONE } from "../../engine/trends/values.ts";
import type { ChClient } from "../http.ts";
import { type ChContext, spanOf } from "./context.ts";
import { PER_USER } from "./per-user.ts";
import { refuse } from "./refuse.ts";
import {
  cellsSql,
  firstBucketsSql,
  otherUsersSql,
  perUserSql,
  type ValueKey,
  type ValueNeed,
  valueNeed,
} from "./trends-sql.ts";

// Trends as engine/trends: buckets from the local engine's own functions (hours as local clock
// hours, a repeated fall-back hour starting at its first pass), written into the SQL as ms bounds.
// The cluster returns exact integer aggregates per (breakdown value, bucket), min and max, and the
// numbers themselves wherever a float sum's order or a median needs them; the cells are then filled
// as the local scan fills them and finished by the local engine's own finish, ranking and formula.

interface CellRow extends ValueKey {
  b: number;
  ev: number;
  us: number;
  cnt?: number;
  mn?: number;
  mx?: number;
  s?: number;
  safe?: number;
  /** (user, [(time, seq, x)...]) per user, when the sum's order or the median needs the numbers */
  vs?: [number, [number, number, number][]][];
}

// the bounds and their grid table are literal arrays: a year of hours is a few hundred kB of SQL
const SETTINGS = { ...PER_USER, max_query_size: 4_000_000 };

interface Group {
  key: ValueKey;
  cells: Cells;
}

const keyText = (k: ValueKey) => `${k.bt}|${k.bn}|${k.bs}`;

function breakdownValue(k: ValueKey): TrendsValue {
  if (k.bt === 1) return k.bn;
  if (k.bt === 2) return k.bs;
  if (k.bt === 3) return k.bn === 1;
  return NONE;
}

/** bt 0 is a missing value; any other is stored */
const isStored = (k: ValueKey) => k.bt !== 0;

/** The property's numbers of one cell in the local scan's order: users by id, then time and seq. */
function orderedValues(vs: NonNullable<CellRow["vs"]>): number[] {
  const out: number[] = [];
  const users = vs.slice().sort((a, b) => a[0] - b[0]);
  for (const [, xs] of users) {
    const sorted = xs.slice().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const v of sorted) out.push(v[2]);
  }
  return out;
}

function fill(c: Cells, r: CellRow, need: ValueNeed): void {
  const k = r.b;
  c.events[k] = r.ev;
  c.users[k] = r.us;
  if (need === "none" || !r.cnt) return;
  c.count[k] = r.cnt;
  c.min[k] = r.mn as number;
  c.max[k] = r.mx as number;
  if (need === "minmax") return;
  const xs = r.safe ? null : orderedValues(r.vs ?? []);
  if (xs === null) c.sum[k] = r.s as number;
  else {
    let s = 0;
    for (const x of xs) s += x;
    c.sum[k] = s;
  }
  if (c.vals && xs) c.vals[k] = xs;
}

const label = (q: TrendsQuery, i: number) => {
  const s = q.series[i];
  return s?.label ?? s?.event.event ?? "$all";
};

async function seriesGroups(
  ch: ChClient,
  per: string,
  need: ValueNeed,
  fn: Parameters<typeof newCells>[1],
  bucketCount: number,
  users: boolean,
  signal?: AbortSignal,
): Promise<Group[]> {
  const groups = new Map<string, Group>();
  const groupOf = (k: ValueKey) => {
    const t = keyText(k);
    let g = groups.get(t);
    if (!g) {
      g = { key: { bt: k.bt, bn: k.bn, bs: k.bs }, cells: newCells(bucketCount, fn) };
      groups.set(t, g);
    }
    return g;
  };
  for (const cellRow of await ch.rows<CellRow>(cellsSql(per, need), SETTINGS, signal))
    fill(groupOf(cellRow).cells, cellRow, need);
  if (users) {
    const rows = await ch.rows<ValueKey & { fb: number; n: number }>(firstBucketsSql(per), SETTINGS, signal);
    for (const newUsersRow of rows) {
      const cells = groupOf(newUsersRow).cells;
      cells.newUsers[newUsersRow.fb] = newUsersRow.n;
    }
  }
  return [...groups.values()];
}

async function seriesEntries(
  ch: ChClient,
  query: TrendsQuery,
  i: number,
  per: string,
  bucketCount: number,
  signal?: AbortSignal,
): Promise<TrendsEntry[]> {
  const series = query.series[i];
  const measure: TrendsMeasure = series?.measure ?? "events";
  const fn = typeof measure === "object" ? measure.fn : null;
  const users = measure === "users" || measure === "eventsPerUser";
  const need = valueNeed(measure);
  const cumulative = query.cumulative === true;
  const groups = await seriesGroups(ch, per, need, fn, bucketCount, users, signal);
  if (!query.breakdown) {
    const seriesTotals = finish(groups[0]?.cells ?? newCells(bucketCount, fn), measure, cumulative);
    return [{ series: i, label: label(query, i), values: seriesTotals.values, total: seriesTotals.total }];
  }
  const ranked = groups.map((g) => {
    const f = finish(g.cells, measure, cumulative);
    const plain = cumulative ? finish(g.cells, measure, false) : f;
    const value = breakdownValue(g.key);
    return { g, f, value, text: String(value), rank: rankKey(plain) };
  });
  ranked.sort((a, b) => b.rank - a.rank || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  // the local engine keeps such a tie in the order it first met the values, which the shards' rows
  // do not carry: refused rather than ranked another way
  ranked.forEach((r, k) => {
    const prev = ranked[k - 1];
    if (prev && prev.rank === r.rank && prev.text === r.text)
      refuse(
        "breakdown.property",
        `the values ${JSON.stringify(prev.value)} and ${JSON.stringify(r.value)} tie and read the same`,
      );
  });
  const limit = query.breakdown.limit ?? 10;
  const out: TrendsEntry[] = ranked.slice(0, limit).map((r) => ({
    series: i,
    label: label(query, i),
    ...breakdownOf(r.value, isStored(r.g.key)),
    values: r.f.values,
    total: r.f.total,
  }));
  if (ranked.length > limit) {
    const rest = ranked.slice(limit);
    const otherCells = newCells(bucketCount, fn);
    for (const restEntry of rest) mergeValuesInto(otherCells, restEntry.g.cells);
    if (users) {
      const sql = otherUsersSql(
        per,
        rest.map((r) => r.g.key),
      );
      for (const usersRow of await ch.rows<{ k: number; n: number }>(sql.perBucket, SETTINGS, signal))
        otherCells.users[usersRow.k] = usersRow.n;
      for (const newUsersRow of await ch.rows<{ k: number; n: number }>(sql.first, SETTINGS, signal)) {
        otherCells.newUsers[newUsersRow.k] = newUsersRow.n;
      }
    }
    const otherTotals = finish(otherCells, measure, cumulative);
    out.push({
      series: i,
      label: label(query, i),
      breakdown: OTHER,
      values: otherTotals.values,
      total: otherTotals.total,
    });
  }
  return out;
}

function rankKey(f: Finished): number {
  return f.total === null ? Number.NEGATIVE_INFINITY : f.total;
}

async function runSpan(
  ch: ChClient,
  ctx: ChContext,
  q: TrendsQuery,
  span: DateSpan,
  signal?: AbortSignal,
): Promise<{ intervals: string[]; series: TrendsEntry[] }> {
  const { labels, bounds } = trendBuckets(span, q.interval, ctx.weekStart, ctx.timezone);
  const instants = spanInstants(span, ctx.timezone);
  // every series compiled (and any field refused) before the first query is sent
  const pers = q.series.map((_, i) => perUserSql(ctx, q, i, bounds, instants));
  const series: TrendsEntry[] = [];
  for (const [i, per] of pers.entries())
    series.push(...(await seriesEntries(ch, q, i, per, labels.length, signal)));
  return { intervals: labels, series: [...series, ...formulaEntries(q, series, labels.length)] };
}

export async function runTrendsOn(
  ch: ChClient,
  ctx: ChContext,
  q: TrendsQuery,
  signal?: AbortSignal,
): Promise<TrendsResult> {
  const span = spanOf(ctx, q.range);
  const cur = await runSpan(ch, ctx, q, span, signal);
  if (q.compare !== "previousPeriod") return cur;
  const prev = await runSpan(ch, ctx, q, previousSpan(q.range, span), signal);
  return { ...cur, previous: prev.series, previousIntervals: prev.intervals };
}
