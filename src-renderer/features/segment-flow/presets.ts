import type { FlowState } from "../../../src-preload/contract/paths.ts";

// The seeds' milestones (new, activated, engaged, champion, dormant) as segment-flow states, built
// from the workspace's own events. States are tried in order, so the order is the priority: a user
// silent for 30 days is dormant whatever they did before; champion beats engaged beats activated
// beats new.

/** Events that mark a visit rather than doing something. */
const VISIT = new Set([
  "session_start",
  "app_open",
  "page_view",
  "screen_view",
  "login",
  "logout",
  "signup",
  "$identify",
]);
/** Events that carry value, in order of preference. */
const VALUE = [
  "purchase",
  "order_completed",
  "order",
  "checkout_completed",
  "subscribe",
  "subscription_started",
  "payment",
  "transaction",
];

/** `events` sorted by count, most frequent first. */
export function milestoneEvents(
  events: readonly { name: string; count: number }[],
): { core: string; value: string } | null {
  if (events.length === 0) return null;
  const names = events.map((e) => e.name);
  const first = names[0] ?? "";
  const value = VALUE.find((v) => names.includes(v)) ?? names[Math.min(4, names.length - 1)] ?? first;
  const core = names.find((n) => !VISIT.has(n) && n !== value) ?? first;
  return { core, value };
}

export function milestonePresets(events: readonly { name: string; count: number }[]): FlowState[] {
  const m = milestoneEvents(events);
  if (!m) return [];
  const last = (n: number) => ({ last: n, unit: "day" as const });
  return [
    {
      label: "Dormant",
      segment: { all: [{ performed: { event: null } }, { not: { lastSeen: last(30) } }] },
    },
    {
      label: "Champion",
      segment: { performed: { event: m.value }, count: { op: "gte", value: 3 }, within: last(90) },
    },
    {
      label: "Engaged",
      segment: { performed: { event: m.core }, count: { op: "gte", value: 5 }, within: last(30) },
    },
    { label: "Activated", segment: { performed: { event: m.value } } },
    { label: "New", segment: { firstSeen: last(30) } },
  ];
}
