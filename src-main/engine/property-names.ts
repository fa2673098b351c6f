import type { Query } from "../../src-preload/contract/query-kinds.ts";
import { DEFAULT_SESSION_PROPERTY } from "./metrics/session-defaults.ts";

// The properties a query names, found by the contract's keys for one (filters' and breakdowns'
// `property`, rfm's `monetary`, a funnel's `holdConstant`, ...) at any depth: what the query
// workers read into shared columns before a query split over them (pool.ts), and what keeps
// `strata query` in one thread when a column is not saved (cli/one-shot-engine.ts).

/** Keys whose value names a property (a string, or a list of them). */
export const PROPERTY_KEYS: ReadonlySet<string> = new Set([
  "property",
  "monetary",
  "frequencyDistinct",
  "revenueProperty",
  "sessionProperty",
  "holdConstant",
  "by",
]);

/** The names under PROPERTY_KEYS anywhere in the query, each once, in the order first met. */
export function propertyNames(x: unknown, into = new Set<string>()): string[] {
  if (Array.isArray(x)) for (const item of x) propertyNames(item, into);
  else if (x !== null && typeof x === "object")
    for (const [key, value] of Object.entries(x)) {
      if (PROPERTY_KEYS.has(key)) {
        if (typeof value === "string") into.add(value);
        else if (Array.isArray(value)) for (const v of value) if (typeof v === "string") into.add(v);
      }
      propertyNames(value, into);
    }
  return [...into];
}

/**
 * The event properties a query reads: those it names, and the sessions' default session property
 * when the query names none and `carried` says events carry it (by default: assume they may).
 */
export function columnsRead(query: Query, carried: (name: string) => boolean = () => true): string[] {
  const names = propertyNames(query);
  const name = DEFAULT_SESSION_PROPERTY;
  if (query.kind === "sessions" && query.sessionProperty === undefined && carried(name)) names.push(name);
  return names;
}

/**
 * The event properties the query reads only where events have a value (Timeline.propValues:
 * revenue's amount, rfm's monetary), not also as a column (a filter on the same property is one):
 * the query workers read those saved values each rather than share the column (pool.ts).
 */
export function valuesOnly(query: Query): string[] {
  const named = query.kind === "revenue" ? query.property : query.kind === "rfm" ? query.monetary : undefined;
  if (named === undefined) return [];
  const { kind, ...rest } = query;
  const elsewhere = propertyNames(
    kind === "revenue" ? { ...rest, property: undefined } : { ...rest, monetary: undefined },
  );
  return elsewhere.includes(named) ? [] : [named];
}
