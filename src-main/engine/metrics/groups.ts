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

/**
 * The groups ranked by users (ties by value): the largest `limit` kept, the rest to be merged (empty
 * when none are left). For a kind whose merged row cannot be a sum of the rest's rows.
 */
export function rankGroups<T extends Grouped>(groups: T[], limit: number): { kept: T[]; rest: T[] } {
  const sorted = groups
    .slice()
    .sort((a, b) => b.users - a.users || String(a.value).localeCompare(String(b.value)));
  return { kept: sorted.slice(0, limit), rest: sorted.slice(limit) };
}

/** Largest `limit` groups by users (ties by value), then one merged "other" group when any are left. */
export function topGroups<T extends Grouped>(
  groups: T[],
  limit: number,
  merge: (into: T, g: T) => void,
): T[] {
  const { kept, rest } = rankGroups(groups, limit);
  if (rest.length === 0) return kept;
  const other = structuredClone(rest[0] ?? outOfBounds());
  for (const g of rest.slice(1)) merge(other, g);
  other.value = null;
  other.other = true;
  return [...kept, other];
}
