import type { EventMatcher } from "../../../src-preload/contract/common.ts";
import type { PathsQuery } from "../../../src-preload/contract/paths.ts";
import type { OpenReport } from "../../report/report.tsx";
import type { GlobalFilters } from "../../store/global-filters.ts";
import { globalQueryParts } from "../../store/global-filters.ts";

// Editor state of the paths view: the query without the top bar's range, timezone and segment.
export interface PathsDraft {
  anchor: "start" | "end" | "none";
  event: EventMatcher;
  depth: number;
  hide: string[];
  collapseRepeats: boolean;
  gapMinutes: number;
  limit: number;
}

/** "What do users do after adding to cart?" when the workspace has that event, else after any first event. */
export function defaultPathsDraft(events: readonly string[]): PathsDraft {
  const start = ["add_to_cart", "view_item", "signup", "session_start"].find((e) => events.includes(e));
  return {
    anchor: start ? "start" : "none",
    event: { event: start ?? events[0] ?? null },
    depth: 5,
    hide: [],
    collapseRepeats: true,
    gapMinutes: 30,
    limit: 6,
  };
}

export function pathsQuery(
  d: PathsDraft,
  g: Pick<GlobalFilters, "range" | "timezone" | "segment">,
): PathsQuery {
  return {
    kind: "paths",
    ...(d.anchor === "start" ? { start: d.event } : {}),
    ...(d.anchor === "end" ? { end: d.event } : {}),
    depth: d.depth,
    ...(d.hide.length ? { hide: d.hide } : {}),
    collapseRepeats: d.collapseRepeats,
    sessionGap: { value: d.gapMinutes, unit: "minute" },
    limit: d.limit,
    ...globalQueryParts(g),
  };
}

export function pathsDraft(q: PathsQuery): PathsDraft {
  const gap = q.sessionGap ?? { value: 30, unit: "minute" };
  const unit = { second: 1 / 60, minute: 1, hour: 60, day: 1440, week: 10080 }[gap.unit];
  return {
    anchor: q.start ? "start" : q.end ? "end" : "none",
    event: q.start ?? q.end ?? { event: null },
    depth: q.depth ?? 5,
    hide: q.hide ?? [],
    collapseRepeats: q.collapseRepeats === true,
    gapMinutes: Math.max(1, Math.round(gap.value * unit)),
    limit: q.limit ?? 10,
  };
}

/**
 * A saved paths report as the view opens it: the editor set from its query, the report named in the
 * title (so that Save writes to it rather than creating another), and its query as saved, against
 * which the unsaved-changes dot compares.
 */
export function openedPaths(
  q: PathsQuery,
  r: OpenReport,
): { draft: PathsDraft; report: OpenReport; savedJson: string } {
  return { draft: pathsDraft(q), report: r, savedJson: JSON.stringify(q) };
}
