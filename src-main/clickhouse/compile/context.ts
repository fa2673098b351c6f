import { resolveAsOf } from "../../../src-preload/contract/as-of.ts";
import type { WeekStart } from "../../../src-preload/contract/common.ts";
import type { Segment } from "../../../src-preload/contract/segment.ts";
import type { AsOfSetting } from "../../../src-preload/contract/settings.ts";

// What a compiled query is resolved against, as in the local engine (engine/context.ts): the
// query's timezone, week start and as-of day. Every calendar boundary is computed here, in
// JavaScript, with the local engine's own functions and written into the SQL as ms instants, so
// the cluster never applies its own (older) timezone database.

export interface ChSettings {
  timezone: string;
  weekStart: WeekStart;
  asOf: AsOfSetting;
  latestEventMs: number | null;
  /** event names that are not user activity (workspace/activity.ts): "any event" leaves them out */
  notActivity: readonly string[];
  /** labels of the paths queries that segment conditions click into, asked first (paths-condition.ts) */
  pathLabels?: ReadonlyMap<string, string[][]>;
}

export interface ChContext {
  timezone: string;
  weekStart: WeekStart;
  asOf: string;
  settings: ChSettings;
  /** a saved segment's definition (inSegment), or undefined when there is none */
  savedSegment: (id: string) => Segment | undefined;
  segmentStack: string[];
  /** saved segments written into this query's SQL so far, shared by every context derived from it */
  inlined: { count: number };
}

export function makeChContext(
  settings: ChSettings,
  q: { timezone?: string | undefined; weekStart?: WeekStart | undefined },
  savedSegment: (id: string) => Segment | undefined,
): ChContext {
  const timezone = q.timezone ?? settings.timezone;
  return {
    timezone,
    weekStart: q.weekStart ?? settings.weekStart,
    asOf: resolveAsOf(settings.asOf, settings.latestEventMs, timezone),
    settings,
    savedSegment,
    segmentStack: [],
    inlined: { count: 0 },
  };
}

// the local engine's own calendar helpers, so both engines read a query's clock alike
export { rangeMs, rangeSpan as spanOf, withQuery } from "../../engine/context.ts";
