import type { NamedSegment } from "../../src-preload/contract/metric-queries.ts";
import type { Segment } from "../../src-preload/contract/segment.ts";
import { useSaved } from "../store/saved.ts";

/**
 * "by saved segments": picks up to `max` saved segments to split a metric by. A native <details>
 * popover keeps it keyboard-reachable (Enter opens, Tab walks the boxes, Esc via the browser).
 */
export function SegmentsPicker({
  value,
  onChange,
  max = 6,
}: {
  value: NamedSegment[] | undefined;
  onChange(v: NamedSegment[] | undefined): void;
  max?: number;
}) {
  const saved = useSaved((s) => s.items).filter((i) => i.type === "segment");
  const chosen = value ?? [];
  const toggle = (name: string, segment: Segment) => {
    const has = chosen.some((c) => c.name === name);
    const next = has ? chosen.filter((c) => c.name !== name) : [...chosen, { name, segment }].slice(0, max);
    onChange(next.length ? next : undefined);
  };
  return (
    <details className="seg-picker">
      <summary className="btn" aria-label="Split by saved segments">
        {chosen.length ? `By ${chosen.length} segment${chosen.length > 1 ? "s" : ""}` : "By segment…"}
      </summary>
      <div className="seg-picker-pop">
        {saved.length === 0 ? (
          <p className="muted">Save segments in the Segments view to split this metric by them.</p>
        ) : (
          saved.map((i) => (
            <label key={i.id} className="group-check">
              <input
                type="checkbox"
                checked={chosen.some((c) => c.name === i.name)}
                onChange={() => toggle(i.name, i.definition)}
              />
              <span className="ellipsis-inline">{i.name}</span>
            </label>
          ))
        )}
      </div>
    </details>
  );
}
