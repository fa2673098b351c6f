import type { EventMatcher, Filter } from "../../../src-preload/contract/common.ts";

// "Any activity" as a segment condition. Queries that count activity leave the workspace's
// not-activity events out in the engine; a segment says it in its own definition, through the
// virtual `$event` property (the event's name), so the saved segment reads the same everywhere and
// its count matches the chart it was made from.

export const EVENT_NAME_PROP = "$event";

/** Any event except the not-activity ones, with `where` (any event at all when the list is empty). */
export function activityMatcher(
  notActivity: readonly string[] | undefined,
  where: readonly Filter[] = [],
): EventMatcher {
  const skip: Filter[] = notActivity?.length
    ? [{ property: EVENT_NAME_PROP, op: "notIn", value: [...notActivity] }]
    : [];
  const all = [...where, ...skip];
  return { event: null, ...(all.length ? { where: all } : {}) };
}

/** The names a matcher's `$event notIn` filter leaves out, or null when it has none. */
export function excludedEvents(m: EventMatcher): string[] | null {
  const f = m.where?.find((x) => x.property === EVENT_NAME_PROP && x.op === "notIn");
  return f && f.op === "notIn" ? f.value.map(String) : null;
}
