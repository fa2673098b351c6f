import type { CatalogEvent } from "../../../src-preload/contract/methods/catalog.ts";
import type { SavedItem } from "../../../src-preload/contract/methods/saved.ts";
import type { FlowState } from "../../../src-preload/contract/paths.ts";
import { Icon } from "../../ui/icons.tsx";
import { summarize } from "../segments/summary.ts";
import { unusedLabel } from "./labels.ts";
import { milestonePresets } from "./presets.ts";

// The flow's states in the side panel, in priority order: each one's label, saved segment and
// summary with its edit, move and remove buttons, then the ways to add a state. The view owns the
// list and the state editor; this only changes the list.
export function FlowStates({
  states,
  setStates,
  saved,
  events,
  onEdit,
  onBuild,
}: {
  states: FlowState[];
  setStates: (states: FlowState[]) => void;
  /** the workspace's saved segments */
  saved: SavedItem[];
  /** the catalog's events, for the milestone presets */
  events: CatalogEvent[] | null;
  /** opens state i in the editor */
  onEdit: (i: number) => void;
  /** opens the editor on a new state */
  onBuild: () => void;
}) {
  const savedName = (id: string) => saved.find((i) => i.id === id)?.name ?? id;
  const setState = (i: number, s: FlowState) => setStates(states.map((x, j) => (j === i ? s : x)));
  const move = (i: number, d: number) => {
    const next = [...states];
    const [x] = next.splice(i, 1);
    if (x) next.splice(i + d, 0, x);
    setStates(next);
  };

  return (
    <>
      <h2 className="av-title">States, first match wins</h2>
      <ol className="flow-states" data-testid="flow-states">
        {states.map((flowState, i) => (
          <li key={flowState.label} className="flow-state">
            <input
              className="input"
              aria-label={`State ${i + 1} label`}
              defaultValue={flowState.label}
              onBlur={(e) => {
                const l = e.target.value.trim();
                if (l && l !== flowState.label && !states.some((x) => x.label === l))
                  setState(i, { ...flowState, label: l });
                else e.target.value = flowState.label;
              }}
            />
            <select
              className="select"
              aria-label={`State ${i + 1} segment`}
              value={"inSegment" in flowState.segment ? flowState.segment.inSegment : ""}
              onChange={(e) => {
                const item = saved.find((x) => x.id === e.target.value);
                if (item)
                  setState(i, {
                    label: unusedLabel(item.name, states),
                    segment: { inSegment: item.id },
                  });
              }}
            >
              {"inSegment" in flowState.segment ? null : <option value="">(defined here)</option>}
              {saved.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
            <span className="flow-state-summary muted">{summarize(flowState.segment, savedName)}</span>
            <span className="flow-state-actions">
              <button
                type="button"
                className="btn btn-small"
                onClick={() => onEdit(i)}
                aria-label={`Edit ${flowState.label}`}
                title="Edit the conditions here"
              >
                <Icon name="pencil" size={12} />
              </button>
              <button
                type="button"
                className="btn btn-small"
                disabled={i === 0}
                onClick={() => move(i, -1)}
                aria-label={`Move ${flowState.label} up`}
              >
                ↑
              </button>
              <button
                type="button"
                className="btn btn-small"
                disabled={i === states.length - 1}
                onClick={() => move(i, 1)}
                aria-label={`Move ${flowState.label} down`}
              >
                ↓
              </button>
              <button
                type="button"
                className="btn btn-small"
                disabled={states.length === 1}
                onClick={() => setStates(states.filter((_, j) => j !== i))}
                aria-label={`Remove ${flowState.label}`}
              >
                ×
              </button>
            </span>
          </li>
        ))}
      </ol>
      <div className="flow-add">
        <select
          className="select"
          aria-label="Add a saved segment"
          value=""
          disabled={states.length >= 12}
          onChange={(e) => {
            const item = saved.find((x) => x.id === e.target.value);
            if (item)
              setStates([
                ...states,
                { label: unusedLabel(item.name, states), segment: { inSegment: item.id } },
              ]);
          }}
        >
          <option value="">{saved.length ? "Add a saved segment…" : "No saved segments yet"}</option>
          {saved.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
        <button type="button" className="btn" onClick={() => setStates(milestonePresets(events ?? []))}>
          Milestone presets
        </button>
      </div>
      <button
        type="button"
        className="btn flow-build"
        disabled={states.length >= 12}
        title={states.length >= 12 ? "A flow has at most 12 states" : "Build a state's conditions here"}
        onClick={onBuild}
      >
        <Icon name="plus" size={12} /> Build a state
      </button>
    </>
  );
}
