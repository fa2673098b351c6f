import type Database from "better-sqlite3";
import { resolveAsOf } from "../../src-preload/contract/as-of.ts";
import type { Range, WeekStart } from "../../src-preload/contract/common.ts";
import type { AsOfSetting } from "../../src-preload/contract/settings.ts";
import { checkDeadline, deadlineFromNow } from "./budget.ts";
import { type DateSpan, resolveRange, spanInstants } from "./calendar.ts";
import type { Timeline } from "./columns/types.ts";

/**
 * What every query runs against: the timeline, the workspace connection (saved segments, lazy
 * columns), and the query's resolved timezone, week start and as-of day.
 */
export interface EngineContext {
  tl: Timeline;
  db: Database.Database;
  timezone: string;
  weekStart: WeekStart;
  /** the as-of day (YYYY-MM-DD) in `timezone` */
  asOf: string;
  signal?: AbortSignal | undefined;
  /** performance.now() after which the query stops with "too_long" (budget.ts) */
  deadline?: number | undefined;
  /** saved segments being evaluated, outermost first (cycle detection) */
  segmentStack: string[];
  settings: Settings;
  /** the slice of user indexes [u0, u1) this run covers (a worker's share); 0..nUsers by default */
  u0: number;
  u1: number;
}

export interface Settings {
  timezone: string;
  weekStart: WeekStart;
  asOf: AsOfSetting;
  latestEventMs: number | null;
}

export function makeContext(
  tl: Timeline,
  db: Database.Database,
  settings: Settings,
  q: { timezone?: string | undefined; weekStart?: WeekStart | undefined },
  signal?: AbortSignal,
): EngineContext {
  const timezone = q.timezone ?? settings.timezone;
  return {
    tl,
    db,
    timezone,
    weekStart: q.weekStart ?? settings.weekStart,
    asOf: resolveAsOf(settings.asOf, settings.latestEventMs, timezone),
    signal,
    deadline: deadlineFromNow(),
    segmentStack: [],
    settings,
    u0: 0,
    u1: tl.nUsers,
  };
}

/** What a query's calendar is read from: the local engine's context and the ClickHouse compiler's. */
export interface QueryClock {
  timezone: string;
  weekStart: WeekStart;
  asOf: string;
  settings: { asOf: Settings["asOf"]; latestEventMs: number | null };
}

/** The same context for a nested query with its own timezone or week start. */
export function withQuery<C extends QueryClock>(
  ctx: C,
  q: { timezone?: string | undefined; weekStart?: WeekStart | undefined },
): C {
  if (q.timezone === undefined && q.weekStart === undefined) return ctx;
  const timezone = q.timezone ?? ctx.timezone;
  return {
    ...ctx,
    timezone,
    weekStart: q.weekStart ?? ctx.weekStart,
    asOf: resolveAsOf(ctx.settings.asOf, ctx.settings.latestEventMs, timezone),
  };
}

export function rangeSpan(ctx: Pick<QueryClock, "asOf">, r: Range): DateSpan {
  return resolveRange(r, ctx.asOf);
}

/** [start, end) instants of a range in the context's timezone. */
export function rangeMs(ctx: Pick<QueryClock, "asOf" | "timezone">, r: Range): [number, number] {
  return spanInstants(resolveRange(r, ctx.asOf), ctx.timezone);
}

/** Throws when cancelled; cheap enough to call every few thousand users. */
export function checkAbort(ctx: EngineContext, u: number): void {
  if ((u & 4095) === 0) {
    ctx.signal?.throwIfAborted();
    checkDeadline(ctx.deadline);
  }
}
