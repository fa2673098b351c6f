// The window of plausible event times. Behavioral data is recorded by computers: nothing before the
// Unix epoch, nothing after 2099. Imports refuse rows outside it (reported as "time_out_of_range"),
// and the engine clamps any stored time that is still outside (a hostile or hand-edited file) so a
// single 9999-12-31 event cannot move the as-of day into year 9999 and make every calendar loop run
// for millennia. resources/docs/security.md and import docs say the same.

import { MAX_EVENT_MS, MIN_EVENT_MS } from "../../src-preload/contract/event-window.ts";

export { clampEventMs, MAX_EVENT_MS, MIN_EVENT_MS } from "../../src-preload/contract/event-window.ts";

export function inEventWindow(ms: number): boolean {
  return ms >= MIN_EVENT_MS && ms < MAX_EVENT_MS;
}

/** Date.UTC without its two-digit-year rule: year 1 is year 1, not 1901. */
export function utcMs(y: number, mo0: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const t = Date.UTC(y, mo0, d, h, mi, s, ms);
  if (y >= 0 && y < 100) {
    const dt = new Date(t);
    dt.setUTCFullYear(dt.getUTCFullYear() - 1900);
    return dt.getTime();
  }
  return t;
}
