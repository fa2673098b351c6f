import { useEffect, useRef, useState } from "react";
import type { Range } from "../../src-preload/contract/common.ts";
import { useAsOf } from "../store/as-of.ts";
import { followPreset, useGlobalFilters } from "../store/global-filters.ts";
import { useWorkspace } from "../store/workspace.ts";
import { dayInZone, formatRange, resolveRange, shortSpan } from "../ui/format.ts";
import { Icon } from "../ui/icons.tsx";

// The global date range: presets (last 7/30/90 days, this month, all time) and a custom span,
// always shown with the dates it resolves to.
export function rangePresets(asOf: string, span: { first: string; last: string } | null, tz: string) {
  const presets: { id: string; label: string; range: Range }[] = [
    { id: "7d", label: "Last 7 days", range: { last: 7, unit: "day" } },
    { id: "30d", label: "Last 30 days", range: { last: 30, unit: "day" } },
    { id: "90d", label: "Last 90 days", range: { last: 90, unit: "day" } },
    { id: "month", label: "This month", range: { from: `${asOf.slice(0, 7)}-01`, to: asOf } },
  ];
  if (span) {
    presets.push({
      id: "all",
      label: "All time",
      range: { from: dayInZone(span.first, tz), to: dayInZone(span.last, tz) },
    });
  }
  return presets;
}

export function RangeControl() {
  const info = useWorkspace((s) => s.info);
  const { range, setRange, timezone, preset } = useGlobalFilters();
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  // in the top bar's zone: "Last 30 days" ends where the engine ends it
  const asOf = useAsOf();
  const tz = timezone ?? info?.timezone ?? "UTC";
  const presets = rangePresets(asOf, info?.timeSpan ?? null, tz);
  const resolved = resolveRange(range, asOf);
  const [from, setFrom] = useState(resolved.from);
  const [to, setTo] = useState(resolved.to);
  const active =
    presets.find((p) => p.id === preset && JSON.stringify(p.range) === JSON.stringify(range)) ??
    presets.find((p) => JSON.stringify(p.range) === JSON.stringify(range));
  const presetsKey = JSON.stringify(presets);
  // biome-ignore lint/correctness/useExhaustiveDependencies: presetsKey stands for presets' content
  useEffect(() => followPreset(presets), [presetsKey]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div className="control" ref={wrap}>
      <button
        type="button"
        className="control-btn"
        aria-haspopup="dialog"
        aria-expanded={open}
        title={formatRange(range, asOf)}
        onClick={() => {
          setFrom(resolved.from);
          setTo(resolved.to);
          setOpen(!open);
        }}
      >
        <Icon name="calendar" />
        <span>{active?.label ?? "Custom"}</span>
        <span className="control-sub num">{shortSpan(resolved.from, resolved.to)}</span>
        <Icon name="chevronDown" size={12} />
      </button>
      {open ? (
        <div className="popover range-pop" role="dialog" aria-label="Date range">
          <div className="range-presets">
            {presets.map((p) => (
              <button
                key={p.id}
                type="button"
                className={active?.id === p.id ? "menu-item active" : "menu-item"}
                onClick={() => {
                  setRange(p.range, p.id);
                  setOpen(false);
                }}
              >
                {p.label}
              </button>
            ))}
          </div>
          <div className="range-custom">
            <div className="section-title">Custom</div>
            <label className="field">
              <span>From</span>
              <input
                className="input"
                type="date"
                value={from}
                max={to}
                onChange={(e) => setFrom(e.target.value)}
              />
            </label>
            <label className="field">
              <span>To</span>
              <input
                className="input"
                type="date"
                value={to}
                min={from}
                onChange={(e) => setTo(e.target.value)}
              />
            </label>
            <button
              type="button"
              className="btn btn-primary"
              disabled={!from || !to || from > to}
              onClick={() => {
                setRange({ from, to });
                setOpen(false);
              }}
            >
              Apply
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
