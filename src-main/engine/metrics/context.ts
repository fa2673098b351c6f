import type { EventMatcher, Filter, WeekStart } from "../../../src-preload/contract/common.ts";
import type { QueryKind, QueryOf, ResultOf } from "../../../src-preload/contract/query-kinds.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import { activityOf } from "../activity.ts";
import { checkDeadline } from "../budget.ts";
import type { PropColumn, Timeline } from "../columns/types.ts";
import type { EngineContext } from "../context.ts";
import { bareCode, compileMatcher, matcherCode, matcherPredicate } from "../filters.ts";
import { userColumnIn } from "../send-time/columns.ts";
import { outOfBounds } from "../typed-index.ts";

/** Tests one event position (of user index `user`). */
export type EventPredicate = (pos: number, user: number) => boolean;

/**
 * What a metric kind needs from the engine. The engine builds one per query: the timezone, week start
 * and as-of day already resolved (query value, else the workspace's), filters compiled against the
 * timeline's columns, and segments evaluated to one byte per user index (1 = member).
 */
export interface MetricContext {
  timeline: Timeline;
  timezone: string;
  weekStart: WeekStart;
  /** the as-of day, YYYY-MM-DD in `timezone` */
  asOf: string;
  signal?: AbortSignal | undefined;
  deadline?: number | undefined;
  /** matcher's event name and where, plus the query-level where (null matcher: any event) */
  eventPredicate(matcher: EventMatcher | null, where: readonly Filter[] | undefined): EventPredicate;
  /**
   * User activity: the matcher's event when it names one, else any event that counts as activity
   * (not a message delivery; the workspace's setting), with the matcher's and the query's filters.
   */
  activity(matcher: EventMatcher | null | undefined, where: readonly Filter[] | undefined): EventPredicate;
  /**
   * For hot loops, what eventPredicate (`eventCode`) or activity (`activityCode`) tests, when it is
   * that simple: an event code to compare inline with `timeline.eventCodes[pos]` (>= 0), ANY_EVENT
   * (every event passes) or NEEDS_TEST (call the predicate); filters.ts bareCode.
   */
  eventCode(matcher: EventMatcher | null, where: readonly Filter[] | undefined): number;
  activityCode(matcher: EventMatcher | null | undefined, where: readonly Filter[] | undefined): number;
  /**
   * The code of the matcher's event name, filters or not (filters.ts matcherCode): the only events
   * eventPredicate can pass, -1 when it names no event.
   */
  matcherCode(matcher: EventMatcher | null): number;
  /** a user attribute's column by name, the computed `$bestSendHour` and `$bestSendWeekday` included */
  userColumn(name: string): PropColumn;
  /** the event names that do not count as activity (workspace setting) */
  notActivity: readonly string[];
  segmentUsers(segment: Segment): Uint8Array | Promise<Uint8Array>;
  /** runs another query kind (compare reuses the engine's funnel and retention runners) */
  run<K extends QueryKind>(query: QueryOf<K>): Promise<ResultOf<K>>;
}

/** The users a query counts: its segment's members, or everyone (null). */
export async function queryUsers(
  ctx: MetricContext,
  segment: Segment | undefined,
): Promise<Uint8Array | null> {
  return segment === undefined ? null : await ctx.segmentUsers(segment);
}

/** Checks for cancellation every few thousand users without paying for it on each one. */
export function checkAbort(ctx: MetricContext, u: number): void {
  if ((u & 4095) === 0) {
    ctx.signal?.throwIfAborted();
    checkDeadline(ctx.deadline);
  }
}

/**
 * When a user was created: the imported created_at when there is one, else their first event of any
 * kind (ignoring filters), as the spec's lifecycle kind defines "new". NaN for a user with neither.
 */
export function createdAtMs(tl: Timeline, u: number): number {
  const c = tl.createdAt[u] ?? outOfBounds();
  if (!Number.isNaN(c)) return c;
  const a = tl.userOffsets[u] ?? outOfBounds();
  return a < (tl.userOffsets[u + 1] ?? outOfBounds()) ? (tl.times[a] ?? outOfBounds()) : Number.NaN;
}

export function rate(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}

/** A MetricContext over the engine's query context, its segment evaluator and its run(). */
export function metricContext(
  e: EngineContext,
  deps: { segmentUsers: MetricContext["segmentUsers"]; run: MetricContext["run"] },
): MetricContext {
  const eventPredicate = (m: EventMatcher | null, where: readonly Filter[] | undefined) =>
    matcherPredicate(e.tl, compileMatcher(e, m, where));
  const { notActivity, predicate, code } = activityOf(e);
  return {
    activity: predicate,
    activityCode: code,
    eventCode: (m, where) => bareCode(compileMatcher(e, m, where)),
    matcherCode: (m) => matcherCode(e.tl, m),
    notActivity,
    userColumn: (name) => userColumnIn(e, name),
    timeline: e.tl,
    timezone: e.timezone,
    weekStart: e.weekStart,
    asOf: e.asOf,
    signal: e.signal,
    deadline: e.deadline,
    eventPredicate,
    segmentUsers: deps.segmentUsers,
    run: deps.run,
  };
}
