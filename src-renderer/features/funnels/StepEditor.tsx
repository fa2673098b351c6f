import { useState } from "react";
import type { EventMatcher } from "../../../src-preload/contract/common.ts";
import { EventSelect } from "../../ui/catalog-pickers.tsx";
import { Icon } from "../../ui/icons.tsx";
import { WhereList } from "../segments/editors/filter.tsx";
import { type FunnelDraft, moveStep, optionalBlocked, removeStep, toggleOptional } from "./draft.ts";

interface Props {
  draft: FunnelDraft;
  onChange(d: FunnelDraft): void;
}

/**
 * Ordered step list. Drag a row by its handle to reorder; the keyboard equivalent is Alt+Up / Alt+Down
 * on the handle. Exclusions follow their steps (see draft.ts).
 */
export function StepEditor({ draft, onChange }: Props) {
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);

  const setStep = (i: number, m: EventMatcher) =>
    onChange({ ...draft, steps: draft.steps.map((s, j) => (j === i ? m : s)) });

  return (
    <div className="step-editor">
      <ol className="step-list" aria-label="Funnel steps">
        {draft.steps.map((step, i) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: steps have no identity beyond their position
            key={i}
            className={`step-row ${dragFrom === i ? "is-dragging" : ""} ${over === i && dragFrom !== i ? (dragFrom !== null && dragFrom < i ? "drop-after" : "drop-before") : ""}`}
            data-testid={`funnel-step-${i}`}
            onDragOver={(e) => {
              if (dragFrom === null) return;
              e.preventDefault();
              setOver(i);
            }}
            onDragLeave={() => setOver((o) => (o === i ? null : o))}
            onDrop={(e) => {
              e.preventDefault();
              if (dragFrom !== null) onChange(moveStep(draft, dragFrom, i));
              setDragFrom(null);
              setOver(null);
            }}
          >
            <button
              type="button"
              className="drag-handle"
              draggable
              aria-label={`Step ${i + 1}: drag, or press Alt+Up / Alt+Down to move`}
              title="Drag to reorder (Alt+↑/↓)"
              onDragStart={(e) => {
                e.dataTransfer.effectAllowed = "move";
                e.dataTransfer.setData("text/plain", String(i));
                setDragFrom(i);
              }}
              onDragEnd={() => {
                setDragFrom(null);
                setOver(null);
              }}
              onKeyDown={(e) => {
                if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
                e.preventDefault();
                const to = e.key === "ArrowUp" ? i - 1 : i + 1;
                if (to < 0 || to >= draft.steps.length) return;
                onChange(moveStep(draft, i, to));
                // keep focus on the moved step's handle
                const list = e.currentTarget.closest("ol");
                requestAnimationFrame(() =>
                  (list?.querySelectorAll<HTMLButtonElement>(".drag-handle")[to] ?? null)?.focus(),
                );
              }}
            >
              <span className="step-num">{i + 1}</span>
              <span aria-hidden="true" className="grip">
                ⋮⋮
              </span>
            </button>
            <EventSelect
              value={step}
              onChange={(m) => setStep(i, m)}
              label={`Step ${i + 1} event`}
              allowAny
            />
            <OptionalToggle draft={draft} step={i} onChange={onChange} />
            <button
              type="button"
              className="icon-btn"
              aria-label={`Add a filter to step ${i + 1}`}
              title="Only count this step's events whose properties match"
              onClick={() =>
                setStep(i, { ...step, where: [...(step.where ?? []), { property: "", op: "eq", value: "" }] })
              }
            >
              <Icon name="funnels" size={14} />
            </button>
            <button
              type="button"
              className="icon-btn"
              aria-label={`Remove step ${i + 1}`}
              title="Remove step"
              disabled={draft.steps.length <= 1}
              onClick={() => onChange(removeStep(draft, i))}
            >
              ×
            </button>
            {step.where?.length ? (
              <div className="step-where">
                <WhereList
                  where={step.where}
                  event={step.event}
                  onChange={(where) => setStep(i, where ? { ...step, where } : { event: step.event })}
                />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="btn btn-ghost"
        data-testid="funnel-add-step"
        disabled={draft.steps.length >= 20}
        onClick={() =>
          onChange({ ...draft, steps: [...draft.steps, { event: draft.steps.at(-1)?.event ?? null }] })
        }
      >
        + Add step
      </button>
    </div>
  );
}

/**
 * Marks a step optional (counted, but a user may skip it). A step that cannot be optional in this
 * draft shows why, and an earlier choice that became invalid (a new exclusion, another order) is
 * shown struck through until it is valid again or turned off.
 */
function OptionalToggle({
  draft,
  step,
  onChange,
}: {
  draft: FunnelDraft;
  step: number;
  onChange(d: FunnelDraft): void;
}) {
  const on = draft.optional.includes(step);
  const blocked = optionalBlocked(draft, step);
  return (
    <button
      type="button"
      className={`btn btn-ghost optional-toggle ${on ? "is-on" : ""} ${on && blocked ? "is-blocked" : ""}`}
      aria-pressed={on}
      data-testid={`funnel-optional-${step}`}
      disabled={blocked !== null && !on}
      title={blocked ?? (on ? "Optional: counted, but users may skip it" : "Make this step optional")}
      onClick={() => onChange(toggleOptional(draft, step))}
    >
      optional
    </button>
  );
}
