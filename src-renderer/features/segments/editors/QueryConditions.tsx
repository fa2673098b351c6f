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
  const c = props.value;
  const q = c.query;
  return (
    <>
      <span className="word">is in RFM group</span>
      <span className="inline-group chips">
        {RFM_GROUPS.map((g) => {
          const on = c.rfm.includes(g);
          return (
            <button
              key={g}
              type="button"
              aria-pressed={on}
              className={on ? "pill on" : "pill"}
              onClick={() => {
                const next = on ? c.rfm.filter((x) => x !== g) : [...c.rfm, g];
                if (next.length) props.onChange({ ...c, rfm: next });
              }}
            >
              {rfmLabel(g)}
            </button>
          );
        })}
      </span>
      <span className="word">scored on</span>
      <EventPicker
        value={q.event.event}
        onChange={(event) => props.onChange({ ...c, query: { ...q, event: { ...q.event, event } } })}
      />
      <span className="word">with value</span>
      <PropertyPicker
        value={q.monetary ?? ""}
        scope="event"
        event={q.event.event}
        numericOnly
        onChange={(monetary) => props.onChange({ ...c, query: { ...q, monetary } })}
      />
    </>
  );
}

export function FunnelEditor(props: { value: Funnel; onChange: OnChange }) {
  const c = props.value;
  const f = c.funnel;
  const reached = "reached" in c;
  const k = reached ? c.reached : c.droppedAfter;
  const set = (mode: "reached" | "dropped", step: number, funnel = f): Condition => {
    const n = funnel.steps.length;
    if (mode === "reached") return { funnel, reached: Math.min(step, n - 1) };
    return { funnel, droppedAfter: Math.max(0, Math.min(step, n - 2)) };
  };
  const maxStep = reached ? f.steps.length : f.steps.length - 1;
  return (
    <>
      <select
        className="input input-inline"
        aria-label="Reached or dropped"
        value={reached ? "reached" : "dropped"}
        onChange={(e) => props.onChange(set(e.target.value as "reached" | "dropped", k))}
      >
        <option value="reached">reached</option>
        <option value="dropped" disabled={f.steps.length < 2}>
          dropped after
        </option>
      </select>
      <select
        className="input input-inline"
        aria-label="Step"
        value={k}
        onChange={(e) => props.onChange(set(reached ? "reached" : "dropped", Number(e.target.value)))}
      >
        {f.steps.slice(0, maxStep).map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional
          <option key={i} value={i}>
            step {i + 1} ({s.event ?? "any event"})
          </option>
        ))}
      </select>
      <span className="word">of the funnel</span>
      {f.steps.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: steps are positional
        <span key={i} className="inline-group">
          {i > 0 ? <span className="word">→</span> : null}
          <EventPicker
            label={`Step ${i + 1}`}
            value={s.event}
            onChange={(event) =>
              props.onChange({
                ...c,
                funnel: { ...f, steps: f.steps.map((x, j) => (j === i ? { ...x, event } : x)) },
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
            set(reached ? "reached" : "dropped", k, { ...f, steps: [...f.steps, { event: null }] }),
          )
        }
      >
        + step
      </button>
      {f.steps.length > 2 ? (
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          onClick={() =>
            props.onChange(set(reached ? "reached" : "dropped", k, { ...f, steps: f.steps.slice(0, -1) }))
          }
        >
          − step
        </button>
      ) : null}
      <span className="word">within</span>
      <NumberInput
        label="Funnel window in days"
        min={1}
        value={f.window?.unit === "day" ? f.window.value : 14}
        onChange={(v) =>
          v > 0 && props.onChange({ ...c, funnel: { ...f, window: { value: v, unit: "day" } } }, "window")
        }
      />
      <span className="word">days</span>
    </>
  );
}

export function CohortEditor(props: { value: Cohort; onChange: OnChange }) {
  const c = props.value;
  const r = c.retention;
  return (
    <>
      <span className="word">in the cohort of</span>
      <EventPicker
        value={r.target.event}
        allowAny
        onChange={(event) => props.onChange({ ...c, retention: { ...r, target: { ...r.target, event } } })}
      />
      <span className="word">in the</span>
      <select
        className="input input-inline"
        aria-label="Interval"
        value={r.interval}
        onChange={(e) =>
          props.onChange({ ...c, retention: { ...r, interval: e.target.value as typeof r.interval } })
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
        value={c.cohort}
        onChange={(e) => e.target.value && props.onChange({ ...c, cohort: e.target.value })}
      />
      <select
        className="input input-inline"
        aria-label="Returned"
        value={c.returnedIn === undefined ? "any" : "returned"}
        onChange={(e) => {
          const { returnedIn: _, ...rest } = c;
          props.onChange(e.target.value === "any" ? rest : { ...rest, returnedIn: 1 });
        }}
      >
        <option value="any">(all members)</option>
        <option value="returned">who returned in period</option>
      </select>
      {c.returnedIn !== undefined ? (
        <>
          <NumberInput
            label="Period"
            min={0}
            value={c.returnedIn}
            onChange={(n) => props.onChange({ ...c, returnedIn: Math.max(0, Math.round(n)) }, "period")}
          />
          <span className="word">doing</span>
          <EventPicker
            value={r.return.event}
            allowAny
            onChange={(event) =>
              props.onChange({ ...c, retention: { ...r, return: { ...r.return, event } } })
            }
          />
        </>
      ) : null}
    </>
  );
}
