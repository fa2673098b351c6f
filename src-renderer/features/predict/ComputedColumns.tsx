import type { Segment } from "../../../src-preload/contract/segment.ts";
import { computedColumnChoices } from "./export-columns.ts";

/** Checkboxes for the computed export columns (see export-columns.ts). */
export function ComputedColumns(props: {
  segment: Segment;
  value: string[];
  onChange(v: string[]): void;
  disabled: boolean;
}) {
  const choices = computedColumnChoices(props.segment);
  return (
    <fieldset
      className="wide computed-columns"
      data-testid="export-computed-columns"
      disabled={props.disabled}
    >
      <legend>Computed columns</legend>
      {choices.map((c) => (
        <label key={c.name} style={{ marginRight: 16 }}>
          <input
            type="checkbox"
            checked={props.value.includes(c.name)}
            onChange={(e) =>
              props.onChange(
                e.currentTarget.checked ? [...props.value, c.name] : props.value.filter((x) => x !== c.name),
              )
            }
          />{" "}
          {c.label} <code>{c.name}</code>
        </label>
      ))}
    </fieldset>
  );
}
