import type { EventMatcher } from "../../../src-preload/contract/common.ts";
import { EventSelect, PropertySelect } from "../../ui/catalog-pickers.tsx";
import { ActivityNote } from "./ActivityNote.tsx";

// Toolbar fields several metric tabs share, so the same question is asked the same way everywhere.

/** The "what counts as active" picker the activity-based tabs put first in their toolbar. */
export function ActivityEventField({
  value,
  onChange,
  prefix = "Active means did",
}: {
  value: EventMatcher | undefined;
  onChange(v: EventMatcher): void;
  prefix?: string;
}) {
  return (
    <>
      <span className="av-field">
        {prefix}
        <EventSelect
          label="Activity event"
          value={value ?? { event: null }}
          onChange={onChange}
          allowAny
          anyLabel="Any activity"
        />
      </span>
      {value?.event ? null : <ActivityNote />}
    </>
  );
}

/** A numeric event property the tab measures (revenue amount, survey score); clearing it is ignored. */
export function NumericPropertyField({
  prefix,
  label,
  value,
  onChange,
}: {
  prefix: string;
  label: string;
  value: string;
  onChange(property: string): void;
}) {
  return (
    <span className="av-field">
      {prefix}
      <PropertySelect
        label={label}
        noneLabel="Pick a property"
        numeric
        value={{ property: value, scope: "event" }}
        onChange={(p) => p && onChange(p.property)}
      />
    </span>
  );
}
