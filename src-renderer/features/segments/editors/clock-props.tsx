import type { Scalar } from "../../../../src-preload/contract/common.ts";
import type { CatalogProperty } from "../../../../src-preload/contract/methods/catalog.ts";
import { DAYS } from "../clock-text.ts";

// The engine's virtual event properties (resources/docs/queries.md, "Extensions"): the weekday and
// hour of an event in the query's timezone. Offered in property pickers and edited with named
// choices ("Tuesday", "14:00–15:00") instead of bare numbers.

const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;

export const CLOCK_PROPS: { name: string; label: string; choices: { value: number; label: string }[] }[] = [
  { name: "$weekday", label: "weekday (local)", choices: DAYS.map((d, i) => ({ value: i + 1, label: d })) },
  {
    name: "$hour",
    label: "hour of day (local)",
    choices: Array.from({ length: 24 }, (_, h) => ({ value: h, label: `${hh(h)}–${hh(h + 1)}` })),
  },
];

export function clockProp(name: string) {
  return CLOCK_PROPS.find((p) => p.name === name);
}

/** Catalog-shaped description, so type-aware editors treat the virtual properties as numbers. */
export function clockMeta(name: string): CatalogProperty | undefined {
  const p = clockProp(name);
  return p
    ? {
        name: p.name,
        scope: "event",
        events: [],
        type: "number",
        coverage: 1,
        distinct: p.choices.length,
        topValues: [],
      }
    : undefined;
}

export function ClockSelect(props: { name: string; value: Scalar; onChange: (v: Scalar) => void }) {
  const p = clockProp(props.name);
  if (!p) return null;
  return (
    <select
      className="input input-inline"
      aria-label={p.label}
      value={String(props.value)}
      onChange={(e) => props.onChange(Number(e.target.value))}
    >
      {typeof props.value !== "number" ? <option value={String(props.value)}>choose…</option> : null}
      {p.choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}
