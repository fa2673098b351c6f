import type { CatalogProperty } from "../../../../src-preload/contract/methods/catalog.ts";
import { useCatalog } from "../../../store/catalog.ts";
import { formatNumber } from "../../../ui/format.ts";
import { Picker } from "../../../ui/Picker.tsx";
import { CLOCK_PROPS } from "./clock-props.tsx";

// Event and property pickers fed by the workspace catalog, with counts as hints.
const ANY = "\u0000any";

export function EventPicker(props: {
  value: string | null;
  onChange: (v: string | null) => void;
  allowAny?: boolean;
  label?: string;
}) {
  const events = useCatalog((s) => s.events);
  const options = [
    ...(props.allowAny ? [{ value: ANY, label: "any event" }] : []),
    ...events.map((e) => ({ value: e.name, label: e.name, hint: formatNumber(e.count) })),
  ];
  const value = props.value === null ? (props.allowAny ? ANY : null) : props.value;
  return (
    <Picker
      label={props.label ?? "Event"}
      value={value}
      options={options}
      allowCustom
      placeholder="choose an event"
      onChange={(v) => props.onChange(v === ANY ? null : v)}
    />
  );
}

export function PropertyPicker(props: {
  value: string;
  scope: "event" | "user";
  event?: string | null;
  onChange: (p: string, meta: CatalogProperty | undefined) => void;
  numericOnly?: boolean;
}) {
  const all = useCatalog((s) => s.properties);
  const props2 = all.filter(
    (p) =>
      p.scope === props.scope &&
      (!props.numericOnly || p.type === "number") &&
      (props.scope === "user" || !props.event || p.events.length === 0 || p.events.includes(props.event)),
  );
  return (
    <Picker
      label={props.scope === "user" ? "User attribute" : "Property"}
      value={props.value || null}
      allowCustom
      placeholder="property"
      options={[
        ...props2.map((p) => ({ value: p.name, label: p.name, hint: p.type })),
        // the event's local weekday and hour, computed by the engine (not in the catalog)
        ...(props.scope === "event" && !props.numericOnly
          ? CLOCK_PROPS.map((c) => ({ value: c.name, label: c.name, hint: c.label }))
          : []),
      ]}
      onChange={(v) =>
        props.onChange(
          v,
          props2.find((p) => p.name === v),
        )
      }
    />
  );
}

export function useProperty(name: string, scope: "event" | "user"): CatalogProperty | undefined {
  return useCatalog((s) => s.properties.find((p) => p.name === name && p.scope === scope));
}
