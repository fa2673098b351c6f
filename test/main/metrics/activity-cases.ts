import fc from "fast-check";
import type { EventMatcher, Filter } from "../../../src-preload/contract/common.ts";
import type { JourneySpec } from "../../helpers/journeys.ts";

// What the reference tests of the activity kinds (active users, churn) draw: users with events of
// an app's own names and a message delivery, some marked as bots, and the four ways a kind's loop
// tests an event: the default activity (deliveries left out: a predicate call), a bare event name
// (its code compared inline), a chosen delivery (counted), and a filter (a predicate call).

export const NAMES = ["open", "view", "email_sent"] as const;

export interface Ev {
  name: (typeof NAMES)[number];
  t: number;
  bot: boolean;
}

/**
 * Users whose events fall at the instants `t` draws, and one more, active at `longBefore` (outside
 * every window), with the filter's property, which must be known to the workspace.
 */
export function usersAt(t: fc.Arbitrary<number>, longBefore: number): fc.Arbitrary<Ev[][]> {
  const event = fc.record({ name: fc.constantFrom(...NAMES), t, bot: fc.boolean() });
  return fc
    .array(fc.array(event, { maxLength: 8 }), { minLength: 1, maxLength: 8 })
    .map((us): Ev[][] => [...us, [{ name: "open", t: longBefore, bot: true }]]);
}

export function spec(us: Ev[][]): JourneySpec {
  const out: JourneySpec = {};
  us.forEach((evs, i) => {
    out[`u${i}`] = evs.map((e): [string, number, Record<string, boolean>] => [
      e.name,
      e.t,
      e.bot ? { bot: true } : {},
    ]);
  });
  return out;
}

export const ACTIVITY_CASES: {
  name: string;
  query: { event?: EventMatcher; where?: Filter[] };
  counts: (e: Ev) => boolean;
}[] = [
  { name: "activity", query: {}, counts: (e) => e.name !== "email_sent" },
  { name: "one event", query: { event: { event: "view" } }, counts: (e) => e.name === "view" },
  { name: "a delivery", query: { event: { event: "email_sent" } }, counts: (e) => e.name === "email_sent" },
  {
    name: "a filter",
    query: { where: [{ property: "bot", op: "neq", value: true }] },
    counts: (e) => e.name !== "email_sent" && !e.bot,
  },
];
