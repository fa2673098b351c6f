import { resolveAsOf } from "../../src-preload/contract/as-of.ts";
import type { WorkspaceInfo } from "../../src-preload/contract/workspace-info.ts";
import { useGlobalFilters } from "./global-filters.ts";
import { useWorkspace } from "./workspace.ts";

// The day relative ranges end on, in the zone a query runs in. The engine works it out in the
// query's timezone (engine/context.ts), and WorkspaceInfo.resolvedAsOf is the workspace zone's: with
// the top bar on Asia/Tokyo and the latest event at 20:00 UTC, that is a day early. Both resolve
// with the contract's resolveAsOf, from the setting and the latest event instant.

/** The as-of day in `timezone`, or in the workspace's zone when none is given. */
export function asOfIn(
  info: Pick<WorkspaceInfo, "asOf" | "timeSpan" | "timezone">,
  timezone?: string | null,
  now = Date.now(),
): string {
  // timeSpan.last is the latest event instant, as the engine reads it (max last_time)
  const latest = info.timeSpan ? Date.parse(info.timeSpan.last) : null;
  return resolveAsOf(info.asOf, latest, timezone ?? info.timezone, now);
}

/** The as-of day in the top bar's timezone (the workspace's unless overridden). */
export function useAsOf(): string {
  const info = useWorkspace((s) => s.info);
  const timezone = useGlobalFilters((s) => s.timezone);
  return info ? asOfIn(info, timezone) : new Date().toISOString().slice(0, 10);
}
