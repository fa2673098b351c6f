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
import { outOfBounds } from "../typed-index.ts";
import { previousSpan, trendBuckets } from "./buckets.ts";
import { type Cells, mergeValuesInto, newCells } from "./cells.ts";
import { type Finished, finish } from "./finish.ts";
import { type SeriesScan, scanTrends } from "./scan.ts";
import { type BreakdownValue, ValueIds } from "./values.ts";

// Trends per spec/queries.md "Trends (added in v1.1)" and its v1.1 clarifications.

export const OTHER = "$other";

function label(s: TrendsSeries): string {
  return s.label ?? s.event.event ?? "$all";
}

function rankKey(f: Finished): number {
  return f.total === null ? Number.NEGATIVE_INFINITY : f.total;
}

/** "$other": the values past the limit, merged; distinct users re-counted from the hits. */
function mergeOther(scan: SeriesScan, others: Set<number>, B: number): Cells {
  const m = newCells(B, scan.fn);
  for (const v of others) {
    const c = scan.cells[v];
    if (c) mergeValuesInto(m, c);
  }
  const h = scan.hits;
  if (h) {
    let seen = -1;
    for (let i = 0; i < h.n; i++) {
      if (!others.has(h.value[i] ?? outOfBounds())) continue;
      const u = h.user[i] ?? outOfBounds();
      const b = h.bucket[i] ?? outOfBounds();
      if (m.lastUser[b] !== u) {
        m.lastUser[b] = u;
        m.users[b] = (m.users[b] ?? outOfBounds()) + 1;
      }
      // a user's hits are contiguous and in time order: the first one is their first bucket
      if (seen !== u) {
        seen = u;
        m.totalUsers++;
        m.newUsers[b] = (m.newUsers[b] ?? outOfBounds()) + 1;
      }
    }
  }
  return m;
}

function seriesEntries(q: TrendsQuery, scans: SeriesScan[], ids: ValueIds, B: number): TrendsEntry[] {
  const cumulative = q.cumulative === true;
  const out: TrendsEntry[] = [];
  q.series.forEach((s, i) => {
    const measure: TrendsMeasure = s.measure ?? "events";
    const scan = scans[i] ?? outOfBounds();
    if (!q.breakdown) {
      const f = finish(scan.cells[0] ?? newCells(B, scan.fn), measure, cumulative);
      out.push({ series: i, label: label(s), values: f.values, total: f.total });
      return;
    }
    const ranked: { v: number; text: string; f: Finished; rank: number }[] = [];
    scan.cells.forEach((c, v) => {
      if (!c) return;
      const f = finish(c, measure, cumulative);
      // rank on the total over the range, which cumulative does not change
      const rank = rankKey(cumulative ? finish(c, measure, false) : f);
      ranked.push({ v, text: String(ids.values[v]), f, rank });
    });
    ranked.sort((a, b) => b.rank - a.rank || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    const limit = q.breakdown.limit ?? 10;
    for (const r of ranked.slice(0, limit))
      out.push({
        series: i,
        label: label(s),
        breakdown: ids.values[r.v] ?? outOfBounds(),
        values: r.f.values,
        total: r.f.total,
      });
    if (ranked.length > limit) {
      const others = new Set(ranked.slice(limit).map((r) => r.v));
      const f = finish(mergeOther(scan, others, B), measure, cumulative);
      out.push({ series: i, label: label(s), breakdown: OTHER, values: f.values, total: f.total });
    }
  });
  return out;
}

/** The formula entries: one, or one per breakdown value present in any series ("$other" last). */
export function formulaEntries(q: TrendsQuery, entries: TrendsEntry[], B: number): TrendsEntry[] {
  if (q.formula === undefined) return [];
  const p = parseFormula(q.formula, q.series.length);
  if (!p.ok) return [];
  const node = p.node;
  const keys: (BreakdownValue | undefined)[] = [];
  const keyText = (v: BreakdownValue | undefined) => (v === undefined ? "" : `${typeof v}:${String(v)}`);
  const seen = new Set<string>();
  for (const e of entries) {
    const k = keyText(e.breakdown);
    if (!seen.has(k)) {
      seen.add(k);
      keys.push(e.breakdown);
    }
  }
  if (!q.breakdown && keys.length === 0) keys.push(undefined);
  const rest = keys.filter((k) => k !== OTHER);
  const ordered = rest.length < keys.length ? [...rest, OTHER] : rest;
  return ordered.map((key) => {
    const kt = keyText(key);
    const bySeries = q.series.map((_, i) =>
      entries.find((e) => e.series === i && keyText(e.breakdown) === kt),
    );
    const operand = (i: number, at: (e: TrendsEntry) => number | null) => {
      const e = bySeries[i];
      return e === undefined ? 0 : at(e);
    };
    const values: (number | null)[] = [];
    for (let k = 0; k < B; k++) values.push(evalFormula(node, (i) => operand(i, (e) => e.values[k] ?? null)));
    const total = evalFormula(node, (i) => operand(i, (e) => e.total));
    const entry: TrendsEntry = { series: "formula", label: q.formula as string, values, total };
    if (key !== undefined) entry.breakdown = key;
    return entry;
  });
}

function runSpan(
  ctx: EngineContext,
  q: TrendsQuery,
  members: Uint8Array | null,
  span: DateSpan,
): { intervals: string[]; series: TrendsEntry[] } {
  const { labels, bounds } = trendBuckets(span, q.interval, ctx.weekStart, ctx.timezone);
  const B = labels.length;
  const ids = new ValueIds();
  const scans = scanTrends(ctx, q, members, bounds, spanInstants(span, ctx.timezone), ids);
  const series = seriesEntries(q, scans, ids, B);
  return { intervals: labels, series: [...series, ...formulaEntries(q, series, B)] };
}

export function runTrends(ctx: EngineContext, q: TrendsQuery, members: Uint8Array | null): TrendsResult {
  const span = rangeSpan(ctx, q.range);
  const cur = runSpan(ctx, q, members, span);
  if (q.compare !== "previousPeriod") return cur;
  const prev = runSpan(ctx, q, members, previousSpan(q.range, span));
  return { ...cur, previous: prev.series, previousIntervals: prev.intervals };
}
