import type { Filter, FilterOp, Scalar } from "../../../../src-preload/contract/common.ts";
import { Icon } from "../../../ui/icons.tsx";
import { OP_LABELS } from "../op-labels.ts";
import { ClockSelect, clockMeta, clockProp } from "./clock-props.tsx";
import { parseScalar, ScalarInput } from "./inputs.tsx";
import { PropertyPicker, useProperty } from "./pickers.tsx";

// "[property] [op] [value]" with operators that make sense for the property's type.
const BY_TYPE: Record<string, FilterOp[]> = {
  number: ["eq", "neq", "gt", "gte", "lt", "lte", "between", "in", "notIn", "isSet", "isNotSet"],
  time: ["gt", "gte", "lt", "lte", "between", "isSet", "isNotSet"],
  boolean: ["eq", "neq", "isSet", "isNotSet"],
  string: ["eq", "neq", "in", "notIn", "contains", "notContains", "startsWith", "isSet", "isNotSet"],
};

/** Moves a filter to another operator, keeping what it can of the value. */
export function withOp(f: Filter, op: FilterOp): Filter {
  const base = { property: f.property, ...(f.scope ? { scope: f.scope } : {}) };
  const first: Scalar = "value" in f ? (Array.isArray(f.value) ? (f.value[0] ?? "") : f.value) : "";
  if (op === "isSet" || op === "isNotSet") return { ...base, op };
  if (op === "between") return { ...base, op, value: [first, first] };
  if (op === "in" || op === "notIn") return { ...base, op, value: first === "" ? [] : [first] };
  return { ...base, op, value: first };
}

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
  const ops = BY_TYPE[meta?.type ?? "string"] ?? BY_TYPE.string ?? [];
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
        onChange={(p, m) => {
          const next = { ...filter, property: p } as Filter;
          const allowed = BY_TYPE[(m ?? clockMeta(p))?.type ?? "string"] ?? [];
          props.onChange(allowed.includes(filter.op) ? next : withOp(next, allowed[0] ?? "eq"));
        }}
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
