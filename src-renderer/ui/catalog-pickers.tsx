import type { EventMatcher } from "../../src-preload/contract/common.ts";
import { useCatalogEvents, useCatalogProperties } from "../store/catalog-cache.ts";

const ANY = "\u0000any";
const UNSET = "\u0000unset";

interface EventProps {
  value: EventMatcher;
  onChange(v: EventMatcher): void;
  label: string;
  allowAny?: boolean;
  /** what "no event named" means here ("Any event", "Any activity") */
  anyLabel?: string;
  /**
   * An option for "no event at all" where a query may leave the matcher out (acquisition's
   * conversion): without it, no matcher shows as "Any event" though the query counts none.
   */
  unset?: { label: string; active: boolean; choose(): void };
  testId?: string;
}

/** Event name picker over the workspace catalog; keeps the matcher's `where` filters. */
export function EventSelect({
  value,
  onChange,
  label,
  allowAny,
  anyLabel = "Any event",
  unset,
  testId,
}: EventProps) {
  const events = useCatalogEvents();
  const names = events?.map((e) => e.name) ?? [];
  const current = unset?.active ? UNSET : (value.event ?? ANY);
  // A saved report may name an event this workspace lacks: keep it visible rather than silently swap.
  const missing = value.event !== null && events !== null && !names.includes(value.event);
  return (
    <select
      className="select"
      aria-label={label}
      data-testid={testId}
      value={current}
      onChange={(e) => {
        if (e.target.value === UNSET) unset?.choose();
        else onChange({ ...value, event: e.target.value === ANY ? null : e.target.value });
      }}
    >
      {unset ? <option value={UNSET}>{unset.label}</option> : null}
      {allowAny || value.event === null ? <option value={ANY}>{anyLabel}</option> : null}
      {missing ? <option value={value.event ?? ""}>{value.event} (not in this workspace)</option> : null}
      {events === null && value.event !== null ? <option value={value.event}>{value.event}</option> : null}
      {names.map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </select>
  );
}

export interface PropertyRef {
  property: string;
  scope: "event" | "user";
}

interface PropertyProps {
  value: PropertyRef | null;
  onChange(v: PropertyRef | null): void;
  label: string;
  noneLabel: string;
  /** only numeric properties (monetary values) */
  numeric?: boolean;
  /** only event properties (a user attribute cannot differ between one user's events) */
  eventOnly?: boolean;
  testId?: string;
}

export function PropertySelect({
  value,
  onChange,
  label,
  noneLabel,
  numeric,
  eventOnly,
  testId,
}: PropertyProps) {
  const props = useCatalogProperties();
  const list = (props ?? []).filter(
    (p) => (!numeric || p.type === "number") && (!eventOnly || p.scope === "event"),
  );
  // an empty property (a tab's default when the workspace has none that fits) shows the none label
  const key = value?.property ? `${value.scope}:${value.property}` : "";
  return (
    <select
      className="select"
      aria-label={label}
      data-testid={testId}
      value={key}
      onChange={(e) => {
        const v = e.target.value;
        if (!v) return onChange(null);
        const i = v.indexOf(":");
        onChange({ scope: v.slice(0, i) === "user" ? "user" : "event", property: v.slice(i + 1) });
      }}
    >
      <option value="">{noneLabel}</option>
      {value?.property && !list.some((p) => p.scope === value.scope && p.name === value.property) ? (
        <option value={key}>{value.property}</option>
      ) : null}
      {(["event", "user"] as const).map((scope) => {
        const items = list.filter((p) => p.scope === scope);
        if (!items.length) return null;
        return (
          <optgroup key={scope} label={scope === "event" ? "Event properties" : "User attributes"}>
            {items.map((p) => (
              <option key={`${scope}:${p.name}`} value={`${scope}:${p.name}`}>
                {p.name}
              </option>
            ))}
          </optgroup>
        );
      })}
    </select>
  );
}
