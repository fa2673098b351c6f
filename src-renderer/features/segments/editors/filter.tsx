import type { Filter, FilterOp, Scalar } from "../../../../src-preload/contract/common.ts";
import { Icon } from "../../../ui/icons.tsx";
import { OP_LABELS } from "../op-labels.ts";
import { ClockSelect, clockMeta, clockProp } from "./clock-props.tsx";
import { opsFor, parseScalar, withOp, withProperty } from "./filter-ops.ts";
import { ScalarInput } from "./inputs.tsx";
import { PropertyPicker, useProperty } from "./pickers.tsx";

// "[property] [op] [value]" with operators that make sense for the property's type (filter-ops.ts).

export function FilterInput(props: {
  value: Filter;
  onChange: (f: Filter) => void;
  onRemove?: () => void;
  scope: "event" | "user";
  event?: string | null;
}) {
  const filter = props.value;
  const stored = useProperty(filter.property, props.scope);
  const clock = props.scope === "event" ? clockProp(filter.property) : undefined;
  const meta = clock ? clockMeta(filter.property) : stored;
  const ops = opsFor(meta?.type);
  const scalar = (v: Scalar, set: (v: Scalar) => void) =>
    clock ? (
      <ClockSelect name={filter.property} value={v} onChange={set} />
    ) : (
      <ScalarInput
        value={v}
        onChange={set}
        property={meta}
        name={filter.property}
        scope={props.scope}
        event={props.event}
      />
    );
  return (
    <span className="inline-group filter">
      <PropertyPicker
        value={filter.property}
        scope={props.scope}
        event={props.event}
        onChange={(p, m) => props.onChange(withProperty(filter, p, (m ?? clockMeta(p))?.type))}
      />
      <select
        className="input input-inline"
        aria-label="Operator"
        value={filter.op}
        onChange={(e) => props.onChange(withOp(filter, e.target.value as FilterOp))}
      >
        {(ops.includes(filter.op) ? ops : [filter.op, ...ops]).map((op) => (
          <option key={op} value={op}>
            {OP_LABELS[op]}
          </option>
        ))}
      </select>
      {filter.op === "between" ? (
        <>
          {scalar(filter.value[0], (v) => props.onChange({ ...filter, value: [v, filter.value[1]] }))}
          <span>and</span>
          {scalar(filter.value[1], (v) => props.onChange({ ...filter, value: [filter.value[0], v] }))}
        </>
      ) : filter.op === "in" || filter.op === "notIn" ? (
        <input
          className="input input-inline input-value"
          aria-label="Values, separated by commas"
          placeholder="a, b, c"
          defaultValue={filter.value.map(String).join(", ")}
          onBlur={(e) =>
            props.onChange({
              ...filter,
              value: e.target.value
                .split(",")
                .map((s) => s.trim())
                .filter(Boolean)
                .map((s) => parseScalar(s, meta?.type)),
            })
          }
        />
      ) : "value" in filter ? (
        scalar(filter.value as Scalar, (v) => props.onChange({ ...filter, value: v } as Filter))
      ) : null}
      {meta?.type === "mixed" && "value" in filter ? (
        // the engine compares by type: an analyst who sees 30 twice in the member list would
        // otherwise read a count of one as wrong
        <span
          className="muted small"
          title={`${filter.property} holds numbers for some users and text for others; a value typed here is matched as text, so the text "30" matches and the number 30 does not`}
        >
          numbers and text
        </span>
      ) : null}
      {props.onRemove ? (
        <button
          type="button"
          className="btn btn-icon btn-ghost btn-sm"
          aria-label="Remove filter"
          onClick={props.onRemove}
        >
          <Icon name="close" size={12} />
        </button>
      ) : null}
    </span>
  );
}

/** "where [filter] and [filter] + where" under an event. */
export function WhereList(props: {
  where: Filter[] | undefined;
  event: string | null;
  onChange: (w: Filter[] | undefined) => void;
}) {
  const list = props.where ?? [];
  return (
    <>
      {list.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: filters are edited in place by position
        <span key={i} className="inline-group">
          <span className="word">{i === 0 ? "where" : "and"}</span>
          <FilterInput
            value={f}
            scope="event"
            event={props.event}
            onChange={(nf) => props.onChange(list.map((x, j) => (j === i ? nf : x)))}
            onRemove={() => {
              const next = list.filter((_, j) => j !== i);
              props.onChange(next.length ? next : undefined);
            }}
          />
        </span>
      ))}
      <button
        type="button"
        className="btn btn-sm btn-ghost add-where"
        onClick={() => props.onChange([...list, { property: "", op: "eq", value: "" }])}
      >
        + where
      </button>
    </>
  );
}
