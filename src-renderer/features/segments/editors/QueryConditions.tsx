import { RFM_GROUPS } from "../../../../src-preload/contract/rfm-groups.ts";
import type { Condition } from "../../../../src-preload/contract/segment.ts";
import { rfmLabel } from "../summary.ts";
import { NumberInput } from "./inputs.tsx";
import { EventPicker, PropertyPicker } from "./pickers.tsx";

// Conditions that embed a whole query: RFM group, funnel step, retention cohort.
type Rfm = Extract<Condition, { rfm: unknown }>;
type Funnel = Extract<Condition, { funnel: unknown }>;
type Cohort = Extract<Condition, { retention: unknown }>;
type OnChange = (c: Condition, key?: string) => void;

export function RfmEditor(props: { value: Rfm; onChange: OnChange }) {
  const condition = props.value;
  const rfmQuery = condition.query;
  return (
    <>
      <span className="word">is in RFM group</span>
      <span className="inline-group chips">
        {RFM_GROUPS.map((g) => {
          const on = condition.rfm.includes(g);
          return (
            <button
              key={g}
              type="button"
              aria-pressed={on}
              className={on ? "pill on" : "pill"}
              onClick={() => {
                const next = on ? condition.rfm.filter((x) => x !== g) : [...condition.rfm, g];
                if (next.length) props.onChange({ ...condition, rfm: next });
              }}
            >
              {rfmLabel(g)}
            </button>
          );
        })}
      </span>
      <span className="word">scored on</span>
      <EventPicker
        value={rfmQuery.event.event}
        onChange={(event) =>
          props.onChange({ ...condition, query: { ...rfmQuery, event: { ...rfmQuery.event, event } } })
        }
      />
      <span className="word">with value</span>
      <PropertyPicker
        value={rfmQuery.monetary ?? ""}
        scope="event"
        event={rfmQuery.event.event}
        numericOnly
        onChange={(monetary) => props.onChange({ ...condition, query: { ...rfmQuery, monetary } })}
      />
    </>
  );
}

export function FunnelEditor(props: { value: Funnel; onChange: OnChange }) {
  const condition = props.value;
  const currentFunnel = condition.funnel;
  const reached = "reached" in condition;
  const k = reached ? condition.reached : condition.droppedAfter;
  const set = (mode: "reached" | "dropped", step: number, funnel = currentFunnel): Condition => {
    const n = funnel.steps.length;
    if (mode === "reached") return { funnel, reached: Math.min(step, n - 1) };
    return { funnel, droppedAfter: Math.max(0, Math.min(step, n - 2)) };
  };
  const maxStep = reached ? currentFunnel.steps.length : currentFunnel.steps.length - 1;
  return (
    <>
      <select
        className="input input-inline"
        aria-label="Reached or dropped"
        value={reached ? "reached" : "dropped"}
        onChange={(e) => props.onChange(set(e.target.value as "reached" | "dropped", k))}
      >
        <option value="reached">reached</option>
        <option value="dropped" disabled={currentFunnel.steps.length < 2}>
          dropped after
        </option>
      </select>
      <select
        className="input input-inline"
        aria-label="Step"
        value={k}
        onChange={(e) => props.onChange(set(reached ? "reached" : "dropped", Number(e.target.value)))}
      >
        {currentFunnel.steps.slice(0, maxStep).map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional
          <option key={i} value={i}>
            step {i + 1} ({s.event ?? "any event"})
          </option>
        ))}
      </select>
      <span className="word">of the funnel</span>
      {currentFunnel.steps.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional
        <span key={i} className="inline-group">
          {i > 0 ? <span className="word">→</span> : null}
          <EventPicker
            label={`Step ${i + 1}`}
            value={s.event}
            onChange={(event) =>
              props.onChange({
                ...condition,
                funnel: {
                  ...currentFunnel,
                  steps: currentFunnel.steps.map((x, j) => (j === i ? { ...x, event } : x)),
                },
              })
            }
          />
        </span>
      ))}
      <button
        type="button"
        className="btn btn-sm btn-ghost"
        onClick={() =>
          props.onChange(
            set(reached ? "reached" : "dropped", k, {
              ...currentFunnel,
              steps: [...currentFunnel.steps, { event: null }],
            }),
          )
        }
      >
        + step
      </button>
      {currentFunnel.steps.length > 2 ? (
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() =>
            props.onChange(
              set(reached ? "reached" : "dropped", k, {
                ...currentFunnel,
                steps: currentFunnel.steps.slice(0, -1),
              }),
            )
          }
        >
          − step
        </button>
      ) : null}
      <span className="word">within</span>
      <NumberInput
        label="Funnel window in days"
        min={1}
        value={currentFunnel.window?.unit === "day" ? currentFunnel.window.value : 14}
        onChange={(v) =>
          v > 0 &&
          props.onChange(
            { ...condition, funnel: { ...currentFunnel, window: { value: v, unit: "day" } } },
            "window",
          )
        }
      />
      <span className="word">days</span>
    </>
  );
}

export function CohortEditor(props: { value: Cohort; onChange: OnChange }) {
  const condition = props.value;
  const retention = condition.retention;
  return (
    <>
      <span className="word">in the cohort of</span>
      <EventPicker
        value={retention.target.event}
        allowAny
        onChange={(event) =>
          props.onChange({
            ...condition,
            retention: { ...retention, target: { ...retention.target, event } },
          })
        }
      />
      <span className="word">in the</span>
      <select
        className="input input-inline"
        aria-label="Interval"
        value={retention.interval}
        onChange={(e) =>
          props.onChange({
            ...condition,
            retention: { ...retention, interval: e.target.value as typeof retention.interval },
          })
        }
      >
        <option value="day">day</option>
        <option value="week">week</option>
        <option value="month">month</option>
      </select>
      <span className="word">starting</span>
      <input
        className="input input-date input-inline"
        type="date"
        aria-label="Cohort start"
        value={condition.cohort}
        onChange={(e) => e.target.value && props.onChange({ ...condition, cohort: e.target.value })}
      />
      <select
        className="input input-inline"
        aria-label="Returned"
        value={condition.returnedIn === undefined ? "any" : "returned"}
        onChange={(e) => {
          const { returnedIn: _, ...rest } = condition;
          props.onChange(e.target.value === "any" ? rest : { ...rest, returnedIn: 1 });
        }}
      >
        <option value="any">(all members)</option>
        <option value="returned">who returned in period</option>
      </select>
      {condition.returnedIn !== undefined ? (
        <>
          <NumberInput
            label="Period"
            min={0}
            value={condition.returnedIn}
            onChange={(n) =>
              props.onChange({ ...condition, returnedIn: Math.max(0, Math.round(n)) }, "period")
            }
          />
          <span className="word">doing</span>
          <EventPicker
            value={retention.return.event}
            allowAny
            onChange={(event) =>
              props.onChange({
                ...condition,
                retention: { ...retention, return: { ...retention.return, event } },
              })
            }
          />
        </>
      ) : null}
    </>
  );
}
