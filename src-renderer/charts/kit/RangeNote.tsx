import type { Range } from "../../../src-preload/contract/common.ts";
import { fmtDate } from "../format.ts";

/** "Unique users · Jun 1 – Jun 30, 2024 · UTC": every chart says what it counts and over what range. */
export function rangeText(r: Range): string {
  if ("from" in r) return r.from === r.to ? fmtDate(r.from) : `${fmtDate(r.from, false)} – ${fmtDate(r.to)}`;
  const unit = r.last === 1 ? r.unit : `${r.unit}s`;
  return `last ${r.last} ${unit} (to the as-of day)`;
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
  return (
    <p className="range-note">
      {counts} · {rangeText(range)} · {timezone ?? "workspace timezone"}
    </p>
  );
}
