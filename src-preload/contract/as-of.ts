import { clampEventMs, MAX_EVENT_MS, MIN_EVENT_MS } from "./event-window.ts";
import type { AsOfSetting } from "./settings.ts";
import { dateInZone } from "./zoned-day.ts";

// The as-of day from the setting, apart from the code that reads and validates the setting (and
// loads the contract's schemas with it): a query worker resolves it for every query and is handed
// the setting already read. The renderer resolves it here too, in the zone the top bar picked, so
// that its dates are the engine's (WorkspaceInfo.resolvedAsOf is the workspace zone's day).

const FIRST_DAY = new Date(MIN_EVENT_MS).toISOString().slice(0, 10);
const LAST_DAY = new Date(MAX_EVENT_MS - 1).toISOString().slice(0, 10);

function clampDate(d: string): string {
  return d < FIRST_DAY ? FIRST_DAY : d > LAST_DAY ? LAST_DAY : d;
}

/**
 * The as-of day: by default the day of the latest event in the workspace, so that an old export
 * does not look dormant because it is old.
 */
export function resolveAsOf(
  asOf: AsOfSetting,
  latestEventMs: number | null,
  tz: string,
  now = Date.now(),
): string {
  // a stored time outside 1970..2099 (a hostile or hand-edited file) must not move the as-of day
  // to year 9999, where calendar arithmetic breaks and every loop runs for millennia
  if (asOf.mode === "fixed") return clampDate(asOf.date);
  if (asOf.mode === "latest" && latestEventMs !== null) return dateInZone(clampEventMs(latestEventMs), tz);
  return dateInZone(clampEventMs(now), tz);
}
