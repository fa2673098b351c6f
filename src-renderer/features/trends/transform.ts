import type { Filter } from "../../../src-preload/contract/common.ts";
import type { Condition, Segment } from "../../../src-preload/contract/segment.ts";
import type {
  TrendsChart,
  TrendsEntry,
  TrendsQuery,
  TrendsResult,
} from "../../../src-preload/contract/trends.ts";
import type { ChartOption } from "../../charts/echarts.ts";
import { escapeHtml, fmtCompact, fmtDate } from "../../charts/format.ts";
import { categoryColor } from "../../charts/palette.ts";
import { addDays, addMonths, formatNumber, resolveRange } from "../../ui/format.ts";
import { letter } from "./draft.ts";

// A trends answer as chart options, CSV rows and "segment of the users behind this point", as pure
// functions of the query and the result.

export type { TrendsChart };

/** The legend name of an entry: "A · purchase", "A · purchase · iOS", "ƒ · B / A * 100". */
export function entryName(e: TrendsEntry, among: readonly TrendsEntry[] = []): string {
  const head = e.series === "formula" ? `ƒ · ${e.label}` : `${letter(e.series)} · ${e.label}`;
  return e.breakdown === undefined ? head : `${head} · ${breakdownText(e, among)}`;
}

/** A breakdown value as shown: a stored text that reads "$none" or "$other" is quoted, as it is no sentinel. */
export function breakdownText(
  e: Pick<TrendsEntry, "series" | "breakdown" | "literal">,
  among: readonly Pick<TrendsEntry, "series" | "breakdown">[] = [],
): string {
  if (e.literal) return JSON.stringify(e.breakdown);
  const text = String(e.breakdown);
  // values keep their type (1 and "1" are two entries): a text that reads as one of `among`'s
  // numbers or booleans is quoted, or two legend entries, rows and CSV columns would read alike
  const twin = among.some(
    (o) =>
      o.series === e.series &&
      typeof o.breakdown !== "string" &&
      o.breakdown !== undefined &&
      String(o.breakdown) === text,
  );
  return typeof e.breakdown === "string" && twin ? JSON.stringify(e.breakdown) : text;
}

/** Numbers as shown: integers with separators, fractions with up to 2 decimals, null as "–". */
export function fmtValue(v: number | null | undefined): string {
  if (v === null || v === undefined) return "–";
  if (Number.isInteger(v)) return formatNumber(v);
  return v.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** "Jun 3", "Jun 3 14:00", "Week of Jun 3", "Jun 2024". */
export function bucketLabel(start: string, interval: TrendsQuery["interval"], withYear = false): string {
  if (interval === "hour") return `${fmtDate(start.slice(0, 10), withYear)} ${start.slice(11)}`;
  if (interval === "month") return fmtDate(start).replace(/ \d+,/, "");
  return interval === "week" ? `Week of ${fmtDate(start, withYear)}` : fmtDate(start, withYear);
}

/** Whether day labels without a year would repeat: the buckets run a year or more. */
export function spansYears(intervals: readonly string[]): boolean {
  const first = intervals[0];
  const last = intervals[intervals.length - 1];
  if (first === undefined || last === undefined) return false;
  const years = Number(last.slice(0, 4)) - Number(first.slice(0, 4));
  return years > 1 || (years === 1 && last.slice(5, 10) >= first.slice(5, 10));
}

/**
 * Each current entry's previous-period entry: the one of the same series and breakdown value, not the
 * one at the same position, as the engine ranks the previous period's values on their own (iOS first
 * this period may come second last period). undefined when the value was not among last period's.
 * A previous entry whose value is not among this period's has no place here: it has no line, legend
 * button or number to sit beside, so the chart and the number view leave it out (the CSV keeps it).
 */
export function previousOf(r: TrendsResult): (TrendsEntry | undefined)[] {
  const key = (e: TrendsEntry) => JSON.stringify([e.series, e.breakdown, e.literal === true]);
  const prev = new Map((r.previous ?? []).map((e) => [key(e), e]));
  return r.series.map((e) => prev.get(key(e)));
}

/**
 * Stacks: with a breakdown, each series' values stack and the series stand side by side (grouped);
 * without one, the series stack on one another. A formula is never stacked and has its own axis on
 * the right (a ratio beside counts would be a flat line at zero).
 */
function stackOf(e: TrendsEntry, q: TrendsQuery): string {
  return q.breakdown ? `s${String(e.series)}` : "all";
}

export function trendsOption(
  result: TrendsResult,
  query: TrendsQuery,
  chart: TrendsChart,
  hidden: ReadonlySet<string> = new Set(),
): ChartOption {
  const withYear = spansYears(result.intervals);
  const labels = result.intervals.map((s) => bucketLabel(s, query.interval, withYear));
  const kind = chart === "bar" || chart === "stacked" ? "bar" : "line";
  const hasFormula = result.series.some((e) => e.series === "formula");
  const counts = query.series.every(
    (s) => s.measure === undefined || s.measure === "events" || s.measure === "users",
  );
  const series: object[] = [];
  result.series.forEach((e, i) => {
    const formula = e.series === "formula";
    const stacks = !formula && (chart === "stacked" || chart === "area");
    series.push({
      name: entryName(e, result.series),
      type: formula ? "line" : kind,
      data: hidden.has(entryName(e, result.series)) ? [] : e.values,
      color: categoryColor(i),
      showSymbol: result.intervals.length <= 62,
      yAxisIndex: formula ? 1 : 0,
      ...(stacks ? { stack: stackOf(e, query) } : {}),
      ...(chart === "area" && !formula ? { areaStyle: { opacity: 0.18 } } : {}),
      ...(formula ? { lineStyle: { width: 2, type: "dotted" } } : {}),
      emphasis: { focus: "series" },
    });
  });
  // after all current lines, so a click's seriesIndex still indexes result.series; each in the color
  // of the current line it compares with
  previousOf(result).forEach((e, i) => {
    if (!e || hidden.has(entryName(e, result.series))) return;
    series.push({
      name: `${entryName(e, result.series)} (previous)`,
      type: "line",
      data: result.intervals.map((_, k) => e.values[k] ?? null),
      color: categoryColor(i),
      yAxisIndex: e.series === "formula" ? 1 : 0,
      // stacked as the current values are, on a stack of their own: B's dashed line sits where B's
      // band would have ended last period, not at B alone beside the current A + B
      ...(e.series !== "formula" && (chart === "stacked" || chart === "area")
        ? { stack: `previous ${stackOf(e, query)}` }
        : {}),
      lineStyle: { type: "dashed", opacity: 0.6 },
      itemStyle: { opacity: 0.6 },
      showSymbol: false,
    });
  });
  return {
    // as every other chart of the app: a quarter second (ECharts' default second drew a 90-day line
    // from left to right after the numbers were already there)
    animationDuration: 250,
    animationDurationUpdate: 250,
    grid: { left: 56, right: hasFormula ? 56 : 24, top: 16, bottom: 40 },
    // the legend is HTML above the chart (buttons that toggle series, reachable by keyboard)
    legend: { show: false },
    tooltip: {
      trigger: "axis",
      confine: true,
      formatter: (raw: unknown) => {
        const ps = (Array.isArray(raw) ? raw : [raw]) as {
          seriesName: string;
          value: number | null;
          marker: string;
          dataIndex: number;
        }[];
        const k = ps[0]?.dataIndex ?? 0;
        const head = escapeHtml(bucketLabel(result.intervals[k] ?? "", query.interval, withYear));
        const rows = ps
          .filter((p) => p.value !== undefined)
          .map((p) => `${p.marker}${escapeHtml(p.seriesName)}: <b>${escapeHtml(fmtValue(p.value))}</b>`);
        return [head, ...rows].join("<br/>");
      },
    },
    xAxis: { type: "category", data: labels, boundaryGap: kind === "bar" },
    yAxis: [
      {
        type: "value",
        // counts come in whole users and events: no tick between 0 and 1
        ...(counts ? { minInterval: 1 } : {}),
        axisLabel: { formatter: (v: number) => fmtCompact(v) },
      },
      {
        type: "value",
        show: hasFormula,
        splitLine: { show: false },
        axisLabel: { formatter: (v: number) => fmtValue(v) },
      },
    ],
    series,
  } as ChartOption;
}

/** One row per bucket, one column per entry (then the previous period's), and a total row. */
export function trendsCsv(result: TrendsResult): (string | number | null)[][] {
  // in the current entries' order, as they pair (previousOf); the previous period's values that are
  // not among this period's after them: the engine ranks the two periods on their own
  const paired = previousOf(result).filter((e): e is TrendsEntry => e !== undefined);
  const prev = [...paired, ...(result.previous ?? []).filter((e) => !paired.includes(e))];
  const head = ["interval", ...result.series.map((e) => entryName(e, result.series))];
  if (prev.length)
    head.push(
      "previous interval",
      ...prev.map((e) => `${entryName(e, [...result.series, ...prev])} (previous)`),
    );
  const rows: (string | number | null)[][] = [head];
  // the previous period may hold a bucket more than this one (March against 30 January to 29
  // February): every one has its row, so that its column adds up to its total
  const buckets = Math.max(
    result.intervals.length,
    prev.length ? (result.previousIntervals?.length ?? 0) : 0,
  );
  for (let k = 0; k < buckets; k++) {
    const current = k < result.intervals.length;
    const row: (string | number | null)[] = [
      result.intervals[k] ?? null,
      ...result.series.map((e) => (current ? (e.values[k] ?? null) : null)),
    ];
    if (prev.length) row.push(result.previousIntervals?.[k] ?? null, ...prev.map((e) => e.values[k] ?? null));
    rows.push(row);
  }
  const total: (string | number | null)[] = ["total", ...result.series.map((e) => e.total)];
  if (prev.length) total.push(null, ...prev.map((e) => e.total));
  rows.push(total);
  return rows;
}

function bucketEnd(start: string, interval: TrendsQuery["interval"]): string {
  if (interval === "hour" || interval === "day") return start.slice(0, 10);
  if (interval === "week") return addDays(start, 6);
  return addDays(addMonths(start, 1), -1);
}

function breakdownFilter(
  q: TrendsQuery,
  r: TrendsResult,
  e: TrendsEntry,
): { filter: Filter[]; attribute: Filter[] } {
  const bd = q.breakdown;
  if (!bd || e.breakdown === undefined) return { filter: [], attribute: [] };
  const scope = bd.scope === "user" ? ({ scope: "user" } as const) : {};
  let fs: Filter[];
  const missing = (x: TrendsEntry) => x.breakdown === "$none" && !x.literal;
  const merged = (x: TrendsEntry) => x.breakdown === "$other" && !x.literal;
  if (missing(e)) fs = [{ property: bd.property, ...scope, op: "isNotSet" }];
  else if (merged(e)) {
    const kept = r.series
      .filter((x) => x.series === e.series && !merged(x) && !missing(x))
      .map((x) => x.breakdown)
      .filter((v): v is string | number | boolean => v !== undefined);
    // notIn is true on a missing value: exclude missing ones only when "$none" was kept apart
    const noneKept = r.series.some((x) => x.series === e.series && missing(x));
    fs = noneKept ? [{ property: bd.property, ...scope, op: "isSet" }] : [];
    if (kept.length) fs.push({ property: bd.property, ...scope, op: "notIn", value: kept });
  } else fs = [{ property: bd.property, ...scope, op: "eq", value: e.breakdown }];
  return bd.scope === "user" ? { filter: [], attribute: fs } : { filter: fs, attribute: [] };
}

/**
 * The users behind one point of an events or unique-users series: they did the series' event (with
 * its filters, the query's `where` and the breakdown value) in that bucket, inside the range; the
 * query's segment is kept. null for series whose points are not sets of users (fn, ratios, formula).
 */
export function pointSegment(
  query: TrendsQuery,
  result: TrendsResult,
  entryIndex: number,
  k: number,
  asOf: string,
): { name: string; definition: Segment } | null {
  const entry = result.series[entryIndex];
  const start = result.intervals[k];
  if (!entry || entry.series === "formula" || start === undefined) return null;
  const seriesDef = query.series[entry.series];
  const measure = seriesDef?.measure ?? "events";
  if (!seriesDef || (measure !== "events" && measure !== "users")) return null;
  // up to an hour of a day is no span of days a segment can say
  if (query.cumulative && query.interval === "hour") return null;
  const span = resolveRange(query.range, asOf);
  // a first or last week or month bucket may reach past the range, which the trend did not count
  const bucketFrom = start.slice(0, 10);
  const bucketTo = bucketEnd(start, query.interval);
  // a cumulative point counts everything from the range's start up to its bucket (spec): so do its users
  const from = !query.cumulative && bucketFrom > span.from ? bucketFrom : span.from;
  const to = bucketTo < span.to ? bucketTo : span.to;
  const { filter, attribute } = breakdownFilter(query, result, entry);
  const hour: Filter[] =
    query.interval === "hour" && !query.cumulative
      ? [{ property: "$hour", op: "eq", value: Number(start.slice(11, 13)) }]
      : [];
  const where = [...(seriesDef.event.where ?? []), ...(query.where ?? []), ...filter, ...hour];
  const performed: Condition = {
    performed: { event: seriesDef.event.event, ...(where.length ? { where } : {}) },
    within: { from, to },
  };
  const parts: Segment[] = [performed, ...attribute.map((a): Segment => ({ attribute: a }))];
  if (query.segment) parts.unshift(query.segment);
  const what = seriesDef.event.event ?? "any event";
  const bdText = entry.breakdown === undefined ? "" : ` (${breakdownText(entry, result.series)})`;
  return {
    name: `Did ${what}${bdText} · ${query.cumulative ? "up to " : ""}${bucketLabel(start, query.interval, true)}`,
    definition: parts.length === 1 ? (parts[0] as Segment) : { all: parts },
  };
}
