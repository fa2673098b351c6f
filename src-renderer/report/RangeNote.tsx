import type { Range } from "../../src-preload/contract/common.ts";
import type { WorkspaceInfo } from "../../src-preload/contract/workspace-info.ts";
import { asOfIn } from "../store/as-of.ts";
import { useWorkspace } from "../store/workspace.ts";
import { formatRange } from "../ui/format.ts";

/** "Last 30 days (Oct 2 – Oct 31, 2026)": relative ranges with their resolved dates. */
export function rangeText(r: Range, asOf?: string): string {
  return formatRange(r, asOf);
}

/**
 * "Unique users · Last 90 days (Aug 3 – Oct 31, 2026) · UTC": every chart says what it counts, over
 * what range and in which timezone. `timezone` is the query's (none: the workspace's), and the dates
 * end on the as-of day in that zone, as the engine's do.
 */
export function rangeNoteText(
  counts: string,
  range: Range,
  timezone: string | null | undefined,
  info: WorkspaceInfo | null,
): string {
  const tz = timezone ?? info?.timezone ?? "workspace timezone";
  return `${counts} · ${rangeText(range, info ? asOfIn(info, timezone) : undefined)} · ${tz}`;
}

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
  return <p className="range-note">{rangeNoteText(counts, range, timezone, info)}</p>;
}
