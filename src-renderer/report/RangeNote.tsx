import type { Range } from "../../src-preload/contract/common.ts";
import { useWorkspace } from "../store/workspace.ts";
import { formatRange } from "../ui/format.ts";

/** "Last 30 days (Oct 2 – Oct 31, 2026)": relative ranges with their resolved dates. */
export function rangeText(r: Range, asOf?: string): string {
  return formatRange(r, asOf);
}

/**
 * "Unique users · Last 90 days (Aug 3 – Oct 31, 2026) · UTC": every chart says what it counts, over
 * what range and in which timezone.
 */
export function RangeNote({
  counts,
  range,
  timezone,
}: {
  counts: string;
  range: Range;
  timezone?: string | null;
}) {
  const info = useWorkspace((s) => s.info);
  const tz = timezone ?? info?.timezone ?? "workspace timezone";
  return (
    <p className="range-note">
      {counts} · {rangeText(range, info?.resolvedAsOf)} · {tz}
    </p>
  );
}
