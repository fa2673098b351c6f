import type { EventMatcher, Filter, Interval, Range } from "../../../src-preload/contract/common.ts";
import type { LifecycleQuery } from "../../../src-preload/contract/queries.ts";
import type { Condition, Segment } from "../../../src-preload/contract/segment.ts";
import { fmtPeriod } from "../../charts/format.ts";
import { addDays, addMonths } from "../../ui/format.ts";
import { activityMatcher } from "../segments/activity-matcher.ts";
import { periodEnd } from "./transform/periods.ts";

// "Create segment from this" for the engagement charts, as pure functions: a heatmap cell and a
// lifecycle bar become segment definitions built from the contract's conditions (plus the
// virtual $weekday / $hour event properties, resources/docs/queries.md "Extensions").

export interface SegmentDraft {
  name: string;
  definition: Segment;
}

export const WEEKDAY_NAMES = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;

/** "14:00–15:00": the hour as the span it covers. */
export function hourSpan(h: number): string {
  const hh = (n: number) => `${String(n).padStart(2, "0")}:00`;
  return `${hh(h)}–${hh(h + 1)}`;
}

/** The query's global segment, if any, ANDed with the chart's condition (the chart only counted its members). */
function within(scope: Segment | undefined, c: Segment): Segment {
  return scope ? { all: [scope, c] } : c;
}

/**
 * The chart's matcher as a segment's: its filters, the query's `where` and `extra`. "Any event" is
 * any activity there (the engine leaves `notActivity` out), so the segment says so explicitly.
 */
function matcherWith(
  m: EventMatcher | null | undefined,
  where: readonly Filter[] | undefined,
  extra: Filter[],
  notActivity: readonly string[],
): EventMatcher {
  const all = [...(m?.where ?? []), ...(where ?? []), ...extra];
  if (!m?.event) return activityMatcher(notActivity, all);
  return { event: m.event, ...(all.length ? { where: all } : {}) };
}

/**
 * Users active in one heatmap cell: did the heatmap's event (with its filters and the query's
 * `where`) on weekday `wd` (0 = Monday, the chart's row) in hour `hour`, within the heatmap's range.
 */
export function heatmapCellSegment(
  query: {
    event?: EventMatcher | undefined;
    where?: Filter[] | undefined;
    range: Range;
    segment?: Segment | undefined;
  },
  wd: number,
  hour: number,
  notActivity: readonly string[],
): SegmentDraft {
  const day = WEEKDAY_NAMES[wd] ?? `weekday ${wd + 1}`;
  const performed = matcherWith(
    query.event,
    query.where,
    [
      { property: "$weekday", op: "eq", value: wd + 1 },
      { property: "$hour", op: "eq", value: hour },
    ],
    notActivity,
  );
  const what = performed.event === null ? "active" : `doing ${performed.event}`;
  return {
    name: `Users ${what} on ${day} ${hourSpan(hour)}`,
    definition: within(query.segment, { performed, within: query.range }),
  };
}

export const LIFECYCLE_STATUSES = ["new", "returning", "resurrecting", "dormant"] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

export function isLifecycleStatus(s: string): s is LifecycleStatus {
  return (LIFECYCLE_STATUSES as readonly string[]).includes(s);
}

function previousStart(start: string, interval: Interval): string {
  if (interval === "day") return addDays(start, -1);
  if (interval === "week") return addDays(start, -7);
  return addMonths(start, -1);
}

/**
 * Users of one lifecycle status in the period starting on `start` (a result period), following
 * the lifecycle definition with conditions the builder knows:
 *   new           did the event in the period, and first seen in the period
 *   returning     did it in the period and in the previous one
 *   resurrecting  did it in the period, not in the previous one, and not first seen in the period
 *   dormant       did it in the previous period, not in this one
 * "New" uses the first event of any kind, not an imported created_at (the engine's lifecycle
 * prefers created_at when present), so the two can differ on workspaces that import it.
 */
export function lifecycleSegment(
  q: LifecycleQuery,
  status: LifecycleStatus,
  start: string,
  notActivity: readonly string[],
): SegmentDraft {
  const period: Range = { from: start, to: periodEnd(start, q.interval) };
  const prevStart = previousStart(start, q.interval);
  const previous: Range = { from: prevStart, to: addDays(start, -1) };
  const m = matcherWith(q.event, q.where, [], notActivity);
  const now: Condition = { performed: m, within: period };
  const before: Condition = { performed: m, within: previous };
  const firstSeen: Condition = { firstSeen: period };
  const parts: Record<LifecycleStatus, Segment[]> = {
    new: [now, firstSeen],
    returning: [now, before],
    resurrecting: [now, { not: before }, { not: firstSeen }],
    dormant: [before, { not: now }],
  };
  return {
    name: `${status.charAt(0).toUpperCase()}${status.slice(1)} users in ${lowerFirst(fmtPeriod(start, q.interval))}`,
    definition: within(q.segment, { all: parts[status] }),
  };
}

function lowerFirst(s: string): string {
  return s.startsWith("Week of") ? `week of${s.slice(7)}` : s;
}

/** The heatmap cell a chart click hit (series data `[hour, weekdayRow, value]`), as a segment. */
export function heatmapClickSegment(
  q: Parameters<typeof heatmapCellSegment>[0],
  value: unknown,
  notActivity: readonly string[],
): SegmentDraft | null {
  if (!Array.isArray(value)) return null;
  const [h, wd] = value as unknown[];
  if (typeof h !== "number" || typeof wd !== "number") return null;
  if (h < 0 || h > 23 || wd < 0 || wd > 6) return null;
  return heatmapCellSegment(q, wd, h, notActivity);
}

/** The lifecycle bar a chart click hit (series named by status, one bar per result period). */
export function lifecycleClickSegment(
  q: LifecycleQuery,
  periods: readonly { start: string }[],
  seriesName: string | undefined,
  dataIndex: number,
  notActivity: readonly string[],
): SegmentDraft | null {
  const status = (seriesName ?? "").toLowerCase();
  const period = periods[dataIndex];
  if (!isLifecycleStatus(status) || !period) return null;
  return lifecycleSegment(q, status, period.start, notActivity);
}
