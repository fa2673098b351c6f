import type { EventMatcher } from "../../../src-preload/contract/common.ts";
import type { RetentionQuery } from "../../../src-preload/contract/queries.ts";
import type { GlobalFilters } from "../../store/global-filters.ts";
import { globalQueryParts } from "../../store/global-filters.ts";

// Editor state: a retention query without the top bar's parts.
export interface RetentionDraft {
  target: EventMatcher;
  return: EventMatcher;
  interval: RetentionQuery["interval"];
  periods: number;
  mode: NonNullable<RetentionQuery["mode"]>;
  measure: NonNullable<RetentionQuery["measure"]>;
  /** custom brackets of periods after the cohort's (issue 15); empty: none */
  brackets: Bracket[];
}

export type Bracket = NonNullable<RetentionQuery["brackets"]>[number];

/** Amplitude's usual brackets: period 1, periods 2-7, periods 8-30. */
export const PRESET_BRACKETS: Bracket[] = [
  { from: 1, to: 1 },
  { from: 2, to: 7 },
  { from: 8, to: 30 },
];

/** New-user retention: the first event ever starts a user's cohort, any later event counts as a return. */
export const DEFAULT_RETENTION: RetentionDraft = {
  target: { event: null },
  return: { event: null },
  interval: "week",
  periods: 8,
  mode: "firstEver",
  measure: "on",
  brackets: [],
};

/** Coming back means opening the app again (not receiving a push), when the workspace has such an event. */
export function defaultRetention(events: readonly string[]): RetentionDraft {
  const back = ["session_start", "app_open", "page_view", "screen_view"].find((e) => events.includes(e));
  return back ? { ...DEFAULT_RETENTION, return: { event: back } } : DEFAULT_RETENTION;
}

export function retentionQuery(
  d: RetentionDraft,
  g: Pick<GlobalFilters, "range" | "timezone" | "segment">,
): RetentionQuery {
  const { brackets, ...rest } = d;
  return { kind: "retention", ...rest, ...(brackets.length ? { brackets } : {}), ...globalQueryParts(g) };
}

export function retentionDraft(q: RetentionQuery): RetentionDraft {
  return {
    target: q.target,
    return: q.return,
    interval: q.interval,
    periods: q.periods,
    mode: q.mode ?? "recurring",
    measure: q.measure ?? "on",
    brackets: q.brackets ?? [],
  };
}
