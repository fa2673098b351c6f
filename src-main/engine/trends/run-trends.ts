import type {
  TrendsEntry,
  TrendsMeasure,
  TrendsQuery,
  TrendsResult,
  TrendsSeries,
} from "../../../src-preload/contract/trends.ts";
import { evalFormula, parseFormula } from "../../../src-preload/contract/trends-formula.ts";
import { type DateSpan, spanInstants } from "../calendar.ts";
import { type EngineContext, rangeSpan } from "../context.ts";
import { addInto } from "../metrics/add-counts.ts";
import { outOfBounds } from "../typed-index.ts";
import { previousSpan, trendBuckets } from "./buckets.ts";
import { type Cells, mergeValuesInto, newCells } from "./cells.ts";
import { type Finished, finish } from "./finish.ts";
import { type SeriesScan, scanTrends } from "./scan.ts";
import { type BreakdownValue, breakdownOf, OTHER, ValueIds } from "./values.ts";

// Trends per spec/queries.md "Trends (added in v1.1)" and its v1.1 clarifications.

export { OTHER };

function label(s: TrendsSeries): string {
  return s.label ?? s.event.event ?? "$all";
}

function rankKey(f: Finished): number {
  return f.total === null ? Number.NEGATIVE_INFINITY : f.total;
}

/**
 * "$other": the values past the limit, merged; distinct users are the users who met one of those
 * values only, added up, and the others re-counted from their hits (a user who met several values
 * once a bucket, and new in the first bucket they met any of them).
 */
function mergeOther(scan: SeriesScan, others: Set<number>, nBuckets: number): Cells {
  const merged = newCells(nBuckets, scan.fn);
  for (const valueId of others) {
    const cells = scan.cells[valueId];
    if (cells) mergeValuesInto(merged, cells);
    const single = scan.single?.[valueId];
    if (single) {
      addInto(merged.users, single.users);
      addInto(merged.newUsers, single.newUsers);
    }
  }
  const hits = scan.hits;
  if (hits) {
    let seen = -1;
    for (const triples of hits)
      for (let i = 0; i < triples.length; i += 3) {
        if (!others.has(triples[i + 1] ?? outOfBounds())) continue;
        const user = triples[i] ?? outOfBounds();
        const bucket = triples[i + 2] ?? outOfBounds();
        if (merged.lastUser[bucket] !== user) {
          merged.lastUser[bucket] = user;
          merged.users[bucket] = (merged.users[bucket] ?? outOfBounds()) + 1;
        }
        // a user's hits are contiguous and in time order: the first one is their first bucket
        if (seen !== user) {
          seen = user;
          merged.newUsers[bucket] = (merged.newUsers[bucket] ?? outOfBounds()) + 1;
        }
      }
  }
  return merged;
}

function seriesEntries(
  query: TrendsQuery,
  scans: SeriesScan[],
  values: readonly BreakdownValue[],
  keys: readonly string[],
  nBuckets: number,
): TrendsEntry[] {
  const cumulative = query.cumulative === true;
  const out: TrendsEntry[] = [];
  query.series.forEach((series, i) => {
    const measure: TrendsMeasure = series.measure ?? "events";
    const scan = scans[i] ?? outOfBounds();
    if (!query.breakdown) {
      const finished = finish(scan.cells[0] ?? newCells(nBuckets, scan.fn), measure, cumulative);
      out.push({ series: i, label: label(series), values: finished.values, total: finished.total });
      return;
    }
    const ranked: { v: number; text: string; f: Finished; rank: number }[] = [];
    scan.cells.forEach((c, v) => {
      if (!c) return;
      const f = finish(c, measure, cumulative);
      // rank on the total over the range, which cumulative does not change
      const rank = rankKey(cumulative ? finish(c, measure, false) : f);
      ranked.push({ v, text: String(values[v]), f, rank });
    });
    ranked.sort((a, b) => b.rank - a.rank || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    const limit = query.breakdown.limit ?? 10;
    for (const entry of ranked.slice(0, limit))
      out.push({
        series: i,
        label: label(series),
        // a value's key is "none" for missing values (values.ts)
        ...breakdownOf(values[entry.v] ?? outOfBounds(), keys[entry.v] !== "none"),
        values: entry.f.values,
        total: entry.f.total,
      });
    if (ranked.length > limit) {
      const others = new Set(ranked.slice(limit).map((r) => r.v));
      const otherFinished = finish(mergeOther(scan, others, nBuckets), measure, cumulative);
      out.push({
        series: i,
        label: label(series),
        breakdown: OTHER,
        values: otherFinished.values,
        total: otherFinished.total,
      });
    }
  });
  return out;
}

/** The formula entries: one, or one per breakdown value present in any series ("$other" last). */
export function formulaEntries(query: TrendsQuery, entries: TrendsEntry[], nBuckets: number): TrendsEntry[] {
  if (query.formula === undefined) return [];
  const parsed = parseFormula(query.formula, query.series.length);
  if (!parsed.ok) return [];
  const node = parsed.node;
  const keys: Pick<TrendsEntry, "breakdown" | "literal">[] = [];
  const keyText = (e: Pick<TrendsEntry, "breakdown" | "literal">) =>
    e.breakdown === undefined ? "" : `${typeof e.breakdown}:${String(e.breakdown)}:${e.literal ? 1 : 0}`;
  const seen = new Set<string>();
  for (const entry of entries) {
    const breakdownKey = keyText(entry);
    if (!seen.has(breakdownKey)) {
      seen.add(breakdownKey);
      keys.push(entry);
    }
  }
  if (!query.breakdown && keys.length === 0) keys.push({});
  const merged = (k: Pick<TrendsEntry, "breakdown" | "literal">) => k.breakdown === OTHER && !k.literal;
  const ordered = [...keys.filter((k) => !merged(k)), ...keys.filter(merged)];
  return ordered.map((key) => {
    const kt = keyText(key);
    const bySeries = query.series.map((_, i) => entries.find((e) => e.series === i && keyText(e) === kt));
    const operand = (i: number, at: (e: TrendsEntry) => number | null) => {
      const e = bySeries[i];
      return e === undefined ? 0 : at(e);
    };
    const values: (number | null)[] = [];
    for (let k = 0; k < nBuckets; k++)
      values.push(evalFormula(node, (i) => operand(i, (e) => e.values[k] ?? null)));
    const total = evalFormula(node, (i) => operand(i, (e) => e.total));
    const entry: TrendsEntry = { series: "formula", label: query.formula as string, values, total };
    if (key.breakdown !== undefined) entry.breakdown = key.breakdown;
    if (key.literal) entry.literal = true;
    return entry;
  });
}

/**
 * One span's scan, its series not yet finished: what a query worker's slice of users answers
 * (join-slices.ts), plain data throughout.
 */
export interface SpanScan {
  intervals: string[];
  /** breakdown values by id, in the order the scan first met them, and their keys (ValueIds) */
  values: BreakdownValue[];
  keys: string[];
  scans: SeriesScan[];
}

/** The range's scan, and the previous period's when the query compares. */
export interface TrendsScans {
  cur: SpanScan;
  prev: SpanScan | null;
}

function scanSpan(ctx: EngineContext, q: TrendsQuery, members: Uint8Array | null, span: DateSpan): SpanScan {
  const { labels, bounds } = trendBuckets(span, q.interval, ctx.weekStart, ctx.timezone);
  const ids = new ValueIds();
  const scans = scanTrends(ctx, q, members, bounds, spanInstants(span, ctx.timezone), ids);
  return { intervals: labels, values: ids.values, keys: ids.keys, scans };
}

function finishSpan(q: TrendsQuery, s: SpanScan): { intervals: string[]; series: TrendsEntry[] } {
  const nBuckets = s.intervals.length;
  const series = seriesEntries(q, s.scans, s.values, s.keys, nBuckets);
  return { intervals: s.intervals, series: [...series, ...formulaEntries(q, series, nBuckets)] };
}

/** The context's users' scans of the range (and of the previous period when the query compares). */
export function scanTrendsSpans(ctx: EngineContext, q: TrendsQuery, members: Uint8Array | null): TrendsScans {
  const span = rangeSpan(ctx, q.range);
  const cur = scanSpan(ctx, q, members, span);
  return {
    cur,
    prev: q.compare === "previousPeriod" ? scanSpan(ctx, q, members, previousSpan(q.range, span)) : null,
  };
}

export function finishTrends(q: TrendsQuery, scans: TrendsScans): TrendsResult {
  const cur = finishSpan(q, scans.cur);
  if (!scans.prev) return cur;
  const prev = finishSpan(q, scans.prev);
  return { ...cur, previous: prev.series, previousIntervals: prev.intervals };
}

export function runTrends(ctx: EngineContext, q: TrendsQuery, members: Uint8Array | null): TrendsResult {
  return finishTrends(q, scanTrendsSpans(ctx, q, members));
}
