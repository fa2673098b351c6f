import type { Value } from "../../../src-preload/contract/metric-results.ts";
import { outOfBounds } from "../typed-index.ts";

// Breakdowns by a property value keep the largest groups and gather the rest into one "other" row, as
// the funnel breakdown does, so a property with thousands of values stays readable.

export interface Grouped {
  value: Value;
  users: number;
  other?: boolean;
}

export function valueKey(v: Value): string {
  return `${typeof v}:${String(v)}`;
}

/** Largest `limit` groups by users (ties by value), then one merged "other" group when any are left. */
export function topGroups<T extends Grouped>(
  groups: T[],
  limit: number,
  merge: (into: T, g: T) => void,
): T[] {
  const sorted = groups
    .slice()
    .sort((a, b) => b.users - a.users || String(a.value).localeCompare(String(b.value)));
  if (sorted.length <= limit) return sorted;
  const kept = sorted.slice(0, limit);
  const rest = sorted.slice(limit);
  const other = structuredClone(rest[0] ?? outOfBounds());
  for (const g of rest.slice(1)) merge(other, g);
  other.value = null;
  other.other = true;
  return [...kept, other];
}
