import type { CompareMetric, CompareQuery } from "../../../src-preload/contract/metric-queries.ts";
import type {
  CompareMetricResult,
  CompareResult,
  CompareTest,
  CompareValue,
} from "../../../src-preload/contract/metric-results.ts";
import type { FunnelQuery } from "../../../src-preload/contract/queries.ts";
import type { FunnelResult } from "../../../src-preload/contract/results.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { TAG_NUMBER } from "../columns/types.ts";
import { outOfBounds } from "../typed-index.ts";
import { Calendar, maxDate, resolveRange } from "./calendar.ts";
import { checkAbort, type MetricContext, rate } from "./context.ts";
import { type Moments, moments, twoProportionZ, welchT } from "./stats.ts";

/** Below this many users on either side a comparison reports "notEnoughData" instead of a p-value. */
export const MIN_USERS = 30;
export const DEFAULT_ALPHA = 0.05;

/** One segment's measurement: a proportion (successes of n) or per-user values (mean test). */
export type Measure = { kind: "proportion"; n: number; successes: number } | { kind: "mean"; m: Moments };

/**
 * Segments side by side on each metric; every segment after the first is tested against the first
 * (two-proportion z-test for rates, Welch's t-test for per-user means).
 */
export async function compare(q: CompareQuery, ctx: MetricContext): Promise<CompareResult> {
  const r = resolveRange(q.range, ctx.asOf);
  const alpha = q.alpha ?? DEFAULT_ALPHA;
  const members: Uint8Array[] = [];
  for (const s of q.segments) members.push(await ctx.segmentUsers(s.segment));
  const metrics: CompareMetricResult[] = [];
  for (const metric of q.metrics) {
    const measures: Measure[] = [];
    for (let i = 0; i < q.segments.length; i++) {
      measures.push(await measure(metric, q, i, members[i] ?? outOfBounds(), r, ctx));
    }
    const values = measures.map((m, i) => toValue(q.segments[i]?.name ?? "", m));
    const tests = measures.slice(1).map((m, i) => test(measures[0] ?? outOfBounds(), m, i + 1, alpha));
    metrics.push({ type: metric.type, label: metric.label ?? defaultLabel(metric), values, tests });
  }
  return {
    segments: q.segments.map((s, i) => ({ name: s.name, users: count(members[i] ?? outOfBounds()) })),
    alpha,
    minUsers: MIN_USERS,
    metrics,
  };
}

type FunnelMetric = Extract<CompareMetric, { type: "funnel" }>;

/** A funnel metric's query for one segment (both engines run it through their own funnel kind). */
export function funnelMetricQuery(
  metric: FunnelMetric,
  q: CompareQuery,
  r: { from: string; to: string },
  timezone: string,
  segment: Segment | undefined,
): FunnelQuery {
  return {
    kind: "funnel",
    steps: metric.steps,
    ...(metric.window ? { window: metric.window } : {}),
    ...(metric.order ? { order: metric.order } : {}),
    range: { from: r.from, to: r.to },
    timezone,
    ...(q.where ? { where: q.where } : {}),
    ...(segment ? { segment } : {}),
  };
}

/** The funnel's conversion, first step to last, as a proportion. */
export function funnelMeasure(res: FunnelResult): Measure {
  const first = res.steps[0]?.count ?? 0;
  const last = res.steps[res.steps.length - 1]?.count ?? 0;
  return { kind: "proportion", n: first, successes: last };
}

async function measure(
  metric: CompareMetric,
  query: CompareQuery,
  i: number,
  members: Uint8Array,
  range: { from: string; to: string },
  ctx: MetricContext,
): Promise<Measure> {
  const segment = query.segments[i]?.segment;
  if (metric.type === "funnel") {
    // the engine's own funnel runner, restricted to the segment
    return funnelMeasure(await ctx.run(funnelMetricQuery(metric, query, range, ctx.timezone, segment)));
  }
  const tl = ctx.timeline;
  const cal =
    metric.type === "retention"
      ? new Calendar(range.from, maxDate(ctx.asOf, range.to), ctx.timezone)
      : new Calendar(range.from, range.to, ctx.timezone);
  const rangeEnd = cal.indexOfDate(range.to);
  const asOfDay = cal.indexOfDate(ctx.asOf);
  const pred = ctx.eventPredicate(metric.type === "retention" ? metric.target : metric.event, query.where);
  const back = metric.type === "retention" ? ctx.eventPredicate(metric.return, query.where) : null;
  const money = metric.type === "revenuePerUser" ? tl.propColumn(metric.property) : null;
  const perUser: number[] = [];
  let total = 0;
  let successes = 0;
  for (let user = 0; user < tl.nUsers; user++) {
    checkAbort(ctx, user);
    if (!members[user]) continue;
    const end = tl.userOffsets[user + 1] ?? outOfBounds();
    let hits = 0;
    let sum = 0;
    let day0 = -1;
    let returned = false;
    for (let pos = tl.userOffsets[user] ?? outOfBounds(); pos < end; pos++) {
      const time = tl.times[pos] ?? outOfBounds();
      if (time < cal.startMs) continue;
      if (time >= cal.endMs) break;
      const day = cal.dayIndex(time);
      if (back) {
        // retention: the first target event in the range starts the clock; day N is calendar day d0 + N
        if (day0 < 0 && day <= rangeEnd && pred(pos, user)) day0 = day;
        else if (day0 >= 0 && day === day0 + dayN(metric) && back(pos, user)) returned = true;
        continue;
      }
      if (!pred(pos, user)) continue;
      hits++;
      if (money && money.tag[pos] === TAG_NUMBER) sum += money.num[pos] ?? outOfBounds();
    }
    if (back) {
      // users whose day N is after the as-of day cannot have returned yet: left out
      if (day0 < 0 || day0 + dayN(metric) > asOfDay) continue;
      total++;
      if (returned) successes++;
      continue;
    }
    total++;
    if (metric.type === "rate") successes += hits > 0 ? 1 : 0;
    else perUser.push(metric.type === "revenuePerUser" ? sum : hits);
  }
  if (metric.type === "rate" || metric.type === "retention")
    return { kind: "proportion", n: total, successes };
  return { kind: "mean", m: moments(perUser) };
}

function dayN(metric: CompareMetric): number {
  return metric.type === "retention" ? metric.day : 0;
}

export function toValue(segment: string, m: Measure): CompareValue {
  if (m.kind === "proportion")
    return { segment, n: m.n, value: rate(m.successes, m.n), successes: m.successes };
  return {
    segment,
    n: m.m.n,
    value: m.m.n ? m.m.mean : null,
    sd: m.m.n > 1 ? Math.sqrt(m.m.variance) : null,
  };
}

/** The test of segment `other` against the first segment: differences are other minus first. */
export function test(first: Measure, other: Measure, index: number, alpha: number): CompareTest {
  const isProportion = first.kind === "proportion";
  const na = first.kind === "proportion" ? first.n : first.m.n;
  const nb = other.kind === "proportion" ? other.n : other.m.n;
  const base = { a: 0, b: index, test: isProportion ? ("twoProportionZ" as const) : ("welchT" as const) };
  if (na < MIN_USERS || nb < MIN_USERS) {
    return {
      ...base,
      state: "notEnoughData",
      difference: null,
      statistic: null,
      pValue: null,
      significant: null,
    };
  }
  const res =
    first.kind === "proportion" && other.kind === "proportion"
      ? twoProportionZ(first.successes, first.n, other.successes, other.n)
      : first.kind === "mean" && other.kind === "mean"
        ? welchT(first.m, other.m)
        : null;
  if (!res) throw new Error("compare: one metric measured two ways");
  return {
    ...base,
    state: "ok",
    difference: res.difference,
    statistic: Number.isFinite(res.statistic) ? res.statistic : null,
    ...(res.df !== undefined ? { df: res.df } : {}),
    pValue: res.pValue,
    significant: res.pValue < alpha,
  };
}

function count(bits: Uint8Array): number {
  let n = 0;
  for (const b of bits) n += b ? 1 : 0;
  return n;
}

export function defaultLabel(m: CompareMetric): string {
  switch (m.type) {
    case "funnel":
      return `conversion ${m.steps.map((s) => s.event ?? "any event").join(" → ")}`;
    case "retention":
      return `day-${m.day} retention after ${m.target.event ?? "any event"}`;
    case "rate":
      return `share who did ${m.event.event ?? "any event"}`;
    case "eventsPerUser":
      return `${m.event.event ?? "events"} per user`;
    case "revenuePerUser":
      return `${m.property} per user`;
  }
}
