import type { TrendsFn, TrendsMeasure, TrendsSeries } from "../../../src-preload/contract/trends.ts";
import { EventSelect, PropertySelect } from "../../ui/catalog-pickers.tsx";
import { letter, MEASURE_LABELS, measureKey } from "./draft.ts";

const FNS: TrendsFn[] = ["sum", "avg", "min", "max", "median", "p90"];

function measureFor(key: string, property: string | null): TrendsMeasure {
  if (key === "events" || key === "users" || key === "eventsPerUser") return key;
  const fn = FNS.find((f) => f === key) ?? "sum";
  return { fn, property: property ?? "" };
}

/** One row per series: letter, event, what to count, and the property for sums and averages. */
export function SeriesEditor({
  series,
  onChange,
}: {
  series: TrendsSeries[];
  onChange(series: TrendsSeries[]): void;
}) {
  const set = (i: number, s: TrendsSeries) => onChange(series.map((x, k) => (k === i ? s : x)));
  return (
    <ol className="trends-series" aria-label="Series">
      {series.map((seriesItem, i) => {
        const key = measureKey(seriesItem.measure);
        const prop = typeof seriesItem.measure === "object" ? seriesItem.measure.property : null;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: series are identified by their letter, i.e. position
          <li key={i} className="trends-series-row" data-testid={`trends-series-${i}`}>
            <span className="trends-letter" aria-hidden="true">
              {letter(i)}
            </span>
            <select
              className="select"
              aria-label={`Series ${letter(i)} measure`}
              value={key}
              onChange={(e) => set(i, { ...seriesItem, measure: measureFor(e.target.value, prop) })}
            >
              {Object.entries(MEASURE_LABELS).map(([k, l]) => (
                <option key={k} value={k}>
                  {l}
                </option>
              ))}
            </select>
            {typeof seriesItem.measure === "object" ? (
              <PropertySelect
                label={`Series ${letter(i)} property`}
                noneLabel="choose a number property"
                numeric
                value={prop ? { property: prop, scope: "event" } : null}
                onChange={(v) => set(i, { ...seriesItem, measure: measureFor(key, v?.property ?? null) })}
              />
            ) : null}
            <EventSelect
              label={`Series ${letter(i)} event`}
              value={seriesItem.event}
              allowAny
              onChange={(event) => set(i, { ...seriesItem, event })}
              testId={`trends-event-${i}`}
            />
            {series.length > 1 ? (
              <button
                type="button"
                className="btn btn-ghost btn-sm"
                aria-label={`Remove series ${letter(i)}`}
                onClick={() => onChange(series.filter((_, k) => k !== i))}
              >
                ×
              </button>
            ) : null}
          </li>
        );
      })}
      {series.length < 10 ? (
        <li>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() =>
              onChange([...series, { event: series.at(-1)?.event ?? { event: null }, measure: "users" }])
            }
          >
            + Add series
          </button>
        </li>
      ) : null}
    </ol>
  );
}

/** A measure over a property is complete once a property is chosen. */
export function seriesComplete(series: readonly TrendsSeries[]): boolean {
  return series.every((s) => typeof s.measure !== "object" || s.measure.property !== "");
}
