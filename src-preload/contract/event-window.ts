// The window of plausible event times (src-main/time/bounds.ts says why), here so that the renderer
// brings a stored time into it as the engine does when it works out the as-of day (as-of.ts).

export const MIN_EVENT_MS = Date.UTC(1970, 0, 1);
/** exclusive: 2100-01-01T00:00:00Z */
export const MAX_EVENT_MS = Date.UTC(2100, 0, 1);

/** A stored time brought into the window (never NaN). */
export function clampEventMs(ms: number): number {
  if (!Number.isFinite(ms)) return ms > 0 ? MAX_EVENT_MS - 1 : MIN_EVENT_MS;
  return Math.min(MAX_EVENT_MS - 1, Math.max(MIN_EVENT_MS, ms));
}
