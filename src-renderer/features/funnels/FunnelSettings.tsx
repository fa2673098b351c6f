import type { Duration } from "../../../src-preload/contract/common.ts";
import type { Attribution } from "../../../src-preload/contract/queries.ts";
import { EventSelect, PropertySelect } from "../../ui/catalog-pickers.tsx";
import { Segmented } from "../../ui/Segmented.tsx";
import { type FunnelDraft, setOrder } from "./draft.ts";
import { stepName } from "./transform.ts";

interface Props {
  draft: FunnelDraft;
  onChange(d: FunnelDraft): void;
}

const UNITS: Duration["unit"][] = ["minute", "hour", "day", "week"];

export function FunnelSettings({ draft, onChange }: Props) {
  const stepCount = draft.steps.length;
  const unordered = draft.order === "unordered";
  return (
    <div className="settings-grid">
      <span className="field-label">Conversion window</span>
      <div className="field-row">
        <input
          className="input num-input"
          type="number"
          min={1}
          aria-label="Window length"
          value={draft.window.value}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isFinite(v) && v > 0) onChange({ ...draft, window: { ...draft.window, value: v } });
          }}
        />
        <select
          className="select"
          aria-label="Window unit"
          value={draft.window.unit}
          onChange={(e) =>
            onChange({ ...draft, window: { ...draft.window, unit: e.target.value as Duration["unit"] } })
          }
        >
          {UNITS.map((u) => (
            <option key={u} value={u}>
              {u}s
            </option>
          ))}
        </select>
      </div>

      <span className="field-label">Step order</span>
      <Segmented
        label="Step order"
        value={draft.order}
        onChange={(o) => onChange(setOrder(draft, o))}
        options={[
          {
            value: "ordered",
            label: "In order",
            title: "Steps in this order; other events may happen between",
          },
          { value: "strict", label: "Strict", title: "Steps back to back, nothing in between" },
          { value: "unordered", label: "Any order", title: "All steps, in any order" },
        ]}
      />

      <span className="field-label">Exclusions</span>
      <div className="exclusions">
        {draft.exclusions.map((exclusion, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: exclusions have no identity beyond their position
          <div className="field-row" key={i}>
            <EventSelect
              label={`Exclusion ${i + 1} event`}
              value={exclusion.event}
              onChange={(event) =>
                onChange({
                  ...draft,
                  exclusions: draft.exclusions.map((y, j) => (j === i ? { ...y, event } : y)),
                })
              }
            />
            <span className="muted">between</span>
            <select
              className="select"
              aria-label={`Exclusion ${i + 1} from step`}
              value={exclusion.fromStep}
              disabled={unordered}
              onChange={(e) => {
                const fromStep = Number(e.target.value);
                const toStep = Math.max(exclusion.toStep, fromStep + 1);
                onChange({
                  ...draft,
                  exclusions: draft.exclusions.map((y, j) => (j === i ? { ...y, fromStep, toStep } : y)),
                });
              }}
            >
              {draft.steps.slice(0, -1).map((s, k) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: step positions
                <option key={k} value={k}>
                  {k + 1}. {stepName(s)}
                </option>
              ))}
            </select>
            <span className="muted">and</span>
            <select
              className="select"
              aria-label={`Exclusion ${i + 1} to step`}
              value={exclusion.toStep}
              disabled={unordered}
              onChange={(e) => {
                const toStep = Number(e.target.value);
                onChange({
                  ...draft,
                  exclusions: draft.exclusions.map((y, j) => (j === i ? { ...y, toStep } : y)),
                });
              }}
            >
              {draft.steps.map((s, k) =>
                k > exclusion.fromStep ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: step positions
                  <option key={k} value={k}>
                    {k + 1}. {stepName(s)}
                  </option>
                ) : null,
              )}
            </select>
            <button
              type="button"
              className="icon-btn"
              aria-label={`Remove exclusion ${i + 1}`}
              onClick={() => onChange({ ...draft, exclusions: draft.exclusions.filter((_, j) => j !== i) })}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn btn-ghost"
          disabled={stepCount < 2}
          title={
            stepCount < 2
              ? "Add a second step first"
              : "Drop attempts where this event happens between two steps"
          }
          onClick={() =>
            onChange({
              ...draft,
              exclusions: [
                ...draft.exclusions,
                { event: { event: null }, fromStep: 0, toStep: stepCount - 1 },
              ],
            })
          }
        >
          + Exclude an event
        </button>
      </div>

      <span className="field-label">Hold constant</span>
      <div
        className="field-row"
        title="Count a user only through steps that share the first step's value of this property (e.g. the same platform)"
      >
        <PropertySelect
          label="Property held constant across steps"
          noneLabel="Nothing held constant"
          testId="funnel-hold-constant"
          eventOnly
          value={draft.holdConstant[0] ? { property: draft.holdConstant[0], scope: "event" } : null}
          onChange={(p) => onChange({ ...draft, holdConstant: p ? [p.property] : [] })}
        />
      </div>

      <span className="field-label">Breakdown</span>
      <PropertySelect
        label="Breakdown property"
        noneLabel="No breakdown"
        testId="funnel-breakdown"
        value={
          draft.breakdown
            ? { property: draft.breakdown.property, scope: draft.breakdown.scope ?? "event" }
            : null
        }
        onChange={(p) =>
          onChange({
            ...draft,
            breakdown: p
              ? { property: p.property, ...(p.scope === "user" ? { scope: "user" as const } : {}) }
              : null,
          })
        }
      />
      {draft.breakdown && draft.breakdown.scope !== "user" ? (
        <select
          className="select"
          aria-label="Breakdown attribution"
          title="Which event's value a user is counted under"
          value={attributionKey(draft.breakdown.attribution)}
          onChange={(e) => {
            const v = e.target.value;
            const attribution =
              v === "firstTouch" || v === "lastTouch" ? v : { step: Number(v.slice("step:".length)) };
            if (draft.breakdown) onChange({ ...draft, breakdown: { ...draft.breakdown, attribution } });
          }}
        >
          <option value="firstTouch">value on the first step (first touch)</option>
          <option value="lastTouch">value on the last step reached (last touch)</option>
          {draft.steps.map((s, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: step positions
            <option key={k} value={`step:${k}`}>
              value on step {k + 1}: {stepName(s)}
            </option>
          ))}
        </select>
      ) : null}
    </div>
  );
}

function attributionKey(a: Attribution | undefined): string {
  if (a === undefined || a === "firstTouch") return "firstTouch";
  if (a === "lastTouch") return "lastTouch";
  return `step:${a.step}`;
}
