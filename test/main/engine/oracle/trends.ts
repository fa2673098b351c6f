import type { Filter } from "../../../../src-preload/contract/common.ts";
import type { TrendsEntry, TrendsQuery, TrendsSeries } from "../../../../src-preload/contract/trends.ts";
import { type Ev, type Log, matches, type Value } from "./log.ts";

// Trends the slow, obvious way, from the spec text: every event's local clock read through its own
// Intl formatter (not the engine's calendar), buckets named by label, sets of users, lists of values.

export type Formula =
  | { ref: number }
  | { num: number }
  | { op: "+" | "-" | "*" | "/"; a: Formula; b: Formula };

export function formulaText(f: Formula): string {
  if ("ref" in f) return String.fromCharCode(65 + f.ref);
  if ("num" in f) return String(f.num);
  return `(${formulaText(f.a)} ${f.op} ${formulaText(f.b)})`;
}

function evalF(f: Formula, get: (i: number) => number | null): number | null {
  if ("ref" in f) return get(f.ref);
  if ("num" in f) return f.num;
  const a = evalF(f.a, get);
  const b = evalF(f.b, get);
  if (a === null || b === null) return null;
  if (f.op === "+") return a + b;
  if (f.op === "-") return a - b;
  if (f.op === "*") return a * b;
  return b === 0 ? null : a / b;
}

const fmts = new Map<string, Intl.DateTimeFormat>();
function clock(ms: number, tz: string): { date: string; hour: string } {
  let f = fmts.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      hourCycle: "h23",
    });
    fmts.set(tz, f);
  }
  const p: Record<string, string> = {};
  for (const x of f.formatToParts(new Date(ms))) p[x.type] = x.value;
  return { date: `${p.year}-${p.month}-${p.day}`, hour: p.hour as string };
}

function shift(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function label(ms: number, q: TrendsQuery, weekStart: "monday" | "sunday", tz: string): string {
  const { date, hour } = clock(ms, tz);
  if (q.interval === "hour") return `${date}T${hour}:00`;
  if (q.interval === "day") return date;
  if (q.interval === "month") return `${date.slice(0, 8)}01`;
  let d = date;
  const first = weekStart === "monday" ? "Mon" : "Sun";
  while (new Date(`${d}T12:00:00Z`).toUTCString().slice(0, 3) !== first) d = shift(d, -1);
  return d;
}

/** Every bucket label from the one holding `from` to the one holding `to`, found by walking time. */
function labelsOf(from: string, to: string, q: TrendsQuery, ws: "monday" | "sunday", tz: string): string[] {
  const out: string[] = [];
  const step = q.interval === "hour" ? 15 * 60_000 : 3_600_000;
  const t0 = Date.parse(`${shift(from, -2)}T00:00:00Z`);
  const t1 = Date.parse(`${shift(to, 3)}T00:00:00Z`);
  const firstLabel = q.interval === "hour" ? null : label(Date.parse(`${from}T12:00:00Z`), q, ws, "UTC");
  const lastLabel = q.interval === "hour" ? null : label(Date.parse(`${to}T12:00:00Z`), q, ws, "UTC");
  if (firstLabel !== null && lastLabel !== null) {
    // day, week and month labels are plain calendar dates: walk days
    for (let d = from; d <= shift(to, 40); d = shift(d, 1)) {
      const l = label(Date.parse(`${d}T12:00:00Z`), q, ws, "UTC");
      if (l < firstLabel || l > lastLabel) continue;
      if (out[out.length - 1] !== l) out.push(l);
    }
    return out;
  }
  for (let t = t0; t < t1; t += step) {
    const c = clock(t, tz);
    if (c.date < from || c.date > to) continue;
    const l = `${c.date}T${c.hour}:00`;
    if (!out.includes(l)) out.push(l);
  }
  return out;
}

function measureOf(s: TrendsSeries, evs: Ev[], props: (e: Ev) => Record<string, Value>): number | null {
  const m = s.measure ?? "events";
  if (m === "events") return evs.length;
  const users = new Set(evs.map((e) => e.user)).size;
  if (m === "users") return users;
  if (m === "eventsPerUser") return users === 0 ? null : evs.length / users;
  const xs = evs.map((e) => props(e)[m.property]).filter((x): x is number => typeof x === "number");
  if (xs.length === 0) return null;
  xs.sort((a, b) => a - b);
  switch (m.fn) {
    case "sum":
      return xs.reduce((a, b) => a + b, 0);
    case "avg":
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    case "min":
      return xs[0] as number;
    case "max":
      return xs[xs.length - 1] as number;
    case "median":
      return xs.length % 2 === 1
        ? (xs[(xs.length - 1) / 2] as number)
        : ((xs[xs.length / 2 - 1] as number) + (xs[xs.length / 2] as number)) / 2;
    case "p90":
      return xs[Math.ceil(0.9 * xs.length) - 1] as number;
  }
}

export interface OracleOpts {
  tz: string;
  weekStart: "monday" | "sunday";
  formula?: Formula;
  /** users in the segment, or null for everyone */
  members: Set<string> | null;
}

function oneSpan(
  log: Log,
  q: TrendsQuery,
  from: string,
  to: string,
  o: OracleOpts,
): { intervals: string[]; series: TrendsEntry[] } {
  const intervals = labelsOf(from, to, q, o.weekStart, o.tz);
  const cumulative = q.cumulative === true;
  const inRange = log.events.filter((e) => {
    const d = clock(e.time, o.tz).date;
    return d >= from && d <= to && (o.members === null || o.members.has(e.user));
  });
  const bucketOf = (e: Ev) => label(e.time, q, o.weekStart, o.tz);
  const keyOf = (v: Value | undefined): string =>
    v === undefined || v === null ? "$none" : `${typeof v}:${v}`;
  const breakdownOf = (e: Ev): Value | undefined => {
    const bd = q.breakdown;
    if (!bd) return undefined;
    if (bd.scope === "user") return log.users.find((u) => u.id === e.user)?.attrs[bd.property];
    return e.props[bd.property];
  };
  const series: TrendsEntry[] = [];
  const rows = (s: TrendsSeries, evs: Ev[]) => {
    const values = intervals.map((l, k) =>
      measureOf(
        s,
        evs.filter((e) => (cumulative ? intervals.indexOf(bucketOf(e)) <= k : bucketOf(e) === l)),
        (e) => e.props,
      ),
    );
    return { values, total: measureOf(s, evs, (e) => e.props) };
  };
  q.series.forEach((s, i) => {
    const name = s.label ?? s.event.event ?? "$all";
    const evs = inRange.filter((e) => matches(log, e, s.event, q.where as Filter[] | undefined));
    if (!q.breakdown) {
      series.push({ series: i, label: name, ...rows(s, evs) });
      return;
    }
    const groups = new Map<string, { value: Value | undefined; evs: Ev[] }>();
    for (const e of evs) {
      const v = breakdownOf(e);
      const k = keyOf(v);
      const g = groups.get(k) ?? { value: v, evs: [] };
      g.evs.push(e);
      groups.set(k, g);
    }
    const ranked = [...groups.values()]
      .map((g) => ({ ...g, total: measureOf(s, g.evs, (e) => e.props) }))
      .sort((a, b) => {
        const ta = a.total ?? Number.NEGATIVE_INFINITY;
        const tb = b.total ?? Number.NEGATIVE_INFINITY;
        if (ta !== tb) return tb - ta;
        const xa = a.value === undefined || a.value === null ? "$none" : String(a.value);
        const xb = b.value === undefined || b.value === null ? "$none" : String(b.value);
        return xa < xb ? -1 : xa > xb ? 1 : 0;
      });
    const limit = q.breakdown.limit ?? 10;
    for (const g of ranked.slice(0, limit)) {
      const b = g.value === undefined || g.value === null ? "$none" : g.value;
      series.push({ series: i, label: name, breakdown: b, ...rows(s, g.evs) });
    }
    if (ranked.length > limit) {
      const rest = ranked.slice(limit).flatMap((g) => g.evs);
      series.push({ series: i, label: name, breakdown: "$other", ...rows(s, rest) });
    }
  });
  const f = o.formula;
  if (f !== undefined) {
    const keys: (string | number | boolean | undefined)[] = [];
    for (const e of series) if (!keys.some((k) => k === e.breakdown)) keys.push(e.breakdown);
    if (!q.breakdown && keys.length === 0) keys.push(undefined);
    const order = [...keys.filter((k) => k !== "$other"), ...keys.filter((k) => k === "$other")];
    for (const key of order) {
      const of = (i: number) => series.find((e) => e.series === i && e.breakdown === key);
      const values = intervals.map((_, k) =>
        evalF(f, (i) => {
          const e = of(i);
          return e === undefined ? 0 : (e.values[k] ?? null);
        }),
      );
      const total = evalF(f, (i) => {
        const e = of(i);
        return e === undefined ? 0 : e.total;
      });
      const entry: TrendsEntry = { series: "formula", label: q.formula as string, values, total };
      if (key !== undefined) entry.breakdown = key;
      series.push(entry);
    }
  }
  return { intervals, series };
}

export function oracleTrends(
  log: Log,
  q: TrendsQuery,
  o: OracleOpts,
): { intervals: string[]; series: TrendsEntry[]; previous?: TrendsEntry[]; previousIntervals?: string[] } {
  if (!("from" in q.range)) throw new Error("the oracle takes from/to ranges");
  const { from, to } = q.range;
  const cur = oneSpan(log, q, from, to, o);
  if (q.compare !== "previousPeriod") return cur;
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  const prev = oneSpan(log, q, shift(from, -days), shift(from, -1), o);
  return { ...cur, previous: prev.series, previousIntervals: prev.intervals };
}
