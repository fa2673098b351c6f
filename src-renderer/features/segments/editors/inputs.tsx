import { useEffect, useId, useState } from "react";
import type { Compare, Range, Scalar } from "../../../../src-preload/contract/common.ts";
import type { CatalogProperty } from "../../../../src-preload/contract/methods/catalog.ts";
import { call } from "../../../api/client.ts";
import { parseScalar } from "./filter-ops.ts";

// Small typed inputs used inside condition sentences.

/** A number field that reports only valid numbers; keeps the text while the analyst types. */
export function NumberInput(props: {
  value: number;
  onChange: (n: number) => void;
  label: string;
  min?: number;
}) {
  const [text, setText] = useState(String(props.value));
  useEffect(() => setText(String(props.value)), [props.value]);
  return (
    <input
      className="input input-num input-inline"
      inputMode="decimal"
      aria-label={props.label}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const n = Number(e.target.value);
        if (e.target.value.trim() !== "" && Number.isFinite(n) && (props.min === undefined || n >= props.min))
          props.onChange(n);
      }}
    />
  );
}

const PRESETS: { key: string; label: string; range: Range }[] = [
  { key: "l:1:day", label: "on the as-of day", range: { last: 1, unit: "day" } },
  { key: "l:7:day", label: "in the last 7 days", range: { last: 7, unit: "day" } },
  { key: "l:14:day", label: "in the last 14 days", range: { last: 14, unit: "day" } },
  { key: "l:30:day", label: "in the last 30 days", range: { last: 30, unit: "day" } },
  { key: "l:90:day", label: "in the last 90 days", range: { last: 90, unit: "day" } },
  { key: "l:12:month", label: "in the last 12 months", range: { last: 12, unit: "month" } },
];

function rangeKey(r: Range | undefined): string {
  if (!r) return "ever";
  if ("from" in r) return "between";
  const k = `l:${r.last}:${r.unit}`;
  return PRESETS.some((p) => p.key === k) ? k : "custom";
}

/** "in the last 7 days" / "ever" / "in the last [N] [weeks]" / "between [date] and [date]". */
export function RangeInput(props: {
  value: Range | undefined;
  onChange: (r: Range | undefined) => void;
  allowEver?: boolean;
  asOf: string;
}) {
  const key = rangeKey(props.value);
  const range = props.value;
  return (
    <span className="inline-group">
      <select
        className="input input-inline"
        aria-label="Time range"
        value={key}
        onChange={(e) => {
          const k = e.target.value;
          if (k === "ever") props.onChange(undefined);
          else if (k === "custom") props.onChange({ last: 3, unit: "week" });
          else if (k === "between") props.onChange({ from: `${props.asOf.slice(0, 7)}-01`, to: props.asOf });
          else props.onChange(PRESETS.find((p) => p.key === k)?.range);
        }}
      >
        {props.allowEver ? <option value="ever">ever</option> : null}
        {PRESETS.map((p) => (
          <option key={p.key} value={p.key}>
            {p.label}
          </option>
        ))}
        <option value="custom">in the last…</option>
        <option value="between">between dates…</option>
      </select>
      {range && key === "custom" && "last" in range ? (
        <>
          <NumberInput
            label="How many"
            min={1}
            value={range.last}
            onChange={(n) => props.onChange({ ...range, last: Math.max(1, Math.round(n)) })}
          />
          <select
            className="input input-inline"
            aria-label="Unit"
            value={range.unit}
            onChange={(e) => props.onChange({ ...range, unit: e.target.value as "day" | "week" | "month" })}
          >
            <option value="day">days</option>
            <option value="week">weeks</option>
            <option value="month">months</option>
          </select>
        </>
      ) : null}
      {range && "from" in range ? (
        <>
          <input
            className="input input-date input-inline"
            type="date"
            aria-label="From"
            value={range.from}
            max={range.to}
            onChange={(e) => e.target.value && props.onChange({ ...range, from: e.target.value })}
          />
          <span>and</span>
          <input
            className="input input-date input-inline"
            type="date"
            aria-label="To"
            value={range.to}
            min={range.from}
            onChange={(e) => e.target.value && props.onChange({ ...range, to: e.target.value })}
          />
        </>
      ) : null}
    </span>
  );
}

const CMP: { op: Compare["op"]; label: string }[] = [
  { op: "gte", label: "at least" },
  { op: "gt", label: "more than" },
  { op: "eq", label: "exactly" },
  { op: "lte", label: "at most" },
  { op: "lt", label: "fewer than" },
  { op: "between", label: "between" },
];

export function CompareInput(props: { value: Compare; onChange: (c: Compare) => void; label: string }) {
  const compare = props.value;
  return (
    <span className="inline-group">
      <select
        className="input input-inline"
        aria-label={`${props.label} comparison`}
        value={compare.op}
        onChange={(e) => {
          const op = e.target.value as Compare["op"];
          const first = compare.op === "between" ? compare.value[0] : compare.value;
          props.onChange(op === "between" ? { op, value: [first, first * 2 || 1] } : { op, value: first });
        }}
      >
        {CMP.map((o) => (
          <option key={o.op} value={o.op}>
            {o.label}
          </option>
        ))}
      </select>
      {compare.op === "between" ? (
        <>
          <NumberInput
            label={`${props.label} from`}
            value={compare.value[0]}
            onChange={(n) => props.onChange({ op: "between", value: [n, Math.max(n, compare.value[1])] })}
          />
          <span>and</span>
          <NumberInput
            label={`${props.label} to`}
            value={compare.value[1]}
            onChange={(n) => props.onChange({ op: "between", value: [Math.min(n, compare.value[0]), n] })}
          />
        </>
      ) : (
        <NumberInput
          label={props.label}
          value={compare.value}
          onChange={(n) => props.onChange({ op: compare.op, value: n } as Compare)}
        />
      )}
    </span>
  );
}

/** One value, typed by the property: numbers, dates, booleans, or text with top-value suggestions. */
export function ScalarInput(props: {
  value: Scalar;
  onChange: (v: Scalar) => void;
  property: CatalogProperty | undefined;
  name: string;
  scope: "event" | "user";
  event?: string | null;
}) {
  const listId = useId();
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const type = props.property?.type;
  if (type === "boolean") {
    return (
      <select
        className="input input-inline"
        aria-label="Value"
        value={String(props.value)}
        onChange={(e) => props.onChange(e.target.value === "true")}
      >
        {/* a value that is no boolean (a saved filter of another type) is shown, not read as true */}
        {typeof props.value !== "boolean" ? <option value={String(props.value)}>choose…</option> : null}
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  if (type === "time") {
    return (
      <input
        className="input input-date input-inline"
        type="date"
        aria-label="Value"
        value={String(props.value).slice(0, 10)}
        onChange={(e) => props.onChange(e.target.value)}
      />
    );
  }
  const top = props.property?.topValues.map((v) => String(v.value)) ?? [];
  const options = [...new Set([...top, ...suggestions])];
  return (
    <>
      <input
        className={type === "number" ? "input input-num input-inline" : "input input-inline input-value"}
        aria-label="Value"
        list={listId}
        inputMode={type === "number" ? "decimal" : undefined}
        value={String(props.value)}
        onFocus={() => {
          if (type === "number" || !props.name) return;
          call("catalogValues", {
            property: props.name,
            scope: props.scope,
            ...(props.event ? { event: props.event } : {}),
            limit: 50,
          })
            .then((vals) => setSuggestions(vals.map((v) => String(v.value))))
            .catch(() => undefined);
        }}
        onChange={(e) => props.onChange(parseScalar(e.target.value, type))}
      />
      <datalist id={listId}>
        {options.slice(0, 50).map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
    </>
  );
}
