import type { CompareMetric } from "../../../src-preload/contract/metric-queries.ts";
import { EventSelect, PropertySelect } from "../../ui/catalog-pickers.tsx";

const TYPES: { value: CompareMetric["type"]; label: string }[] = [
  { value: "rate", label: "Share who did" },
  { value: "eventsPerUser", label: "Events per user" },
  { value: "revenuePerUser", label: "Value per user" },
  { value: "funnel", label: "Funnel conversion" },
  { value: "retention", label: "Retention on day N" },
];

export function defaultMetric(type: CompareMetric["type"]): CompareMetric {
  switch (type) {
    case "rate":
      return { type, event: { event: "purchase" } };
    case "eventsPerUser":
      return { type, event: { event: "view_item" } };
    case "revenuePerUser":
      return { type, event: { event: "purchase" }, property: "revenue" };
    case "funnel":
      return { type, steps: [{ event: "view_item" }, { event: "purchase" }] };
    case "retention":
      return { type, target: { event: null }, return: { event: null }, day: 7 };
  }
}

export function MetricEditor({
  m,
  i,
  onChange,
  onRemove,
}: {
  m: CompareMetric;
  i: number;
  onChange(m: CompareMetric): void;
  onRemove(): void;
}) {
  return (
    <div className="field-row metric-row">
      <select
        className="select"
        aria-label={`Metric ${i + 1} type`}
        value={m.type}
        onChange={(e) => onChange(defaultMetric(e.target.value as CompareMetric["type"]))}
      >
        {TYPES.map((t) => (
          <option key={t.value} value={t.value}>
            {t.label}
          </option>
        ))}
      </select>
      {m.type === "rate" || m.type === "eventsPerUser" || m.type === "revenuePerUser" ? (
        <EventSelect
          label={`Metric ${i + 1} event`}
          value={m.event}
          allowAny
          onChange={(event) => onChange({ ...m, event })}
        />
      ) : null}
      {m.type === "revenuePerUser" ? (
        <PropertySelect
          label={`Metric ${i + 1} value property`}
          noneLabel="Pick a property"
          numeric
          value={{ property: m.property, scope: "event" }}
          onChange={(p) => p && onChange({ ...m, property: p.property })}
        />
      ) : null}
      {m.type === "funnel"
        ? m.steps.map((s, k) => (
            <EventSelect
              // biome-ignore lint/suspicious/noArrayIndexKey: step positions
              key={k}
              label={`Metric ${i + 1} step ${k + 1}`}
              value={s}
              allowAny
              onChange={(v) => onChange({ ...m, steps: m.steps.map((x, j) => (j === k ? v : x)) })}
            />
          ))
        : null}
      {m.type === "retention" ? (
        <>
          <EventSelect
            label={`Metric ${i + 1} first event`}
            value={m.target}
            allowAny
            onChange={(target) => onChange({ ...m, target })}
          />
          <span className="muted">then</span>
          <EventSelect
            label={`Metric ${i + 1} return event`}
            value={m.return}
            allowAny
            onChange={(r) => onChange({ ...m, return: r })}
          />
          <span className="muted">on day</span>
          <input
            className="input num-input"
            type="number"
            min={1}
            aria-label={`Metric ${i + 1} day`}
            value={m.day}
            onChange={(e) => {
              const d = Math.round(Number(e.target.value));
              if (d >= 1) onChange({ ...m, day: d });
            }}
          />
        </>
      ) : null}
      <button type="button" className="icon-btn" aria-label={`Remove metric ${i + 1}`} onClick={onRemove}>
        ×
      </button>
    </div>
  );
}
