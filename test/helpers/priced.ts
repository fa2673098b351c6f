import type { PropColumn } from "../../src-main/engine/columns/types.ts";
import { type JourneyEvent, type Journeys, journeys } from "./journeys.ts";

// A small workspace with a number property (price, on purchases) and a string one (plan, on views),
// for the tests of saved and shared property columns; and a column as plain arrays to compare.

export function priced(): Journeys {
  const spec: Record<string, JourneyEvent[]> = {};
  for (let i = 0; i < 60; i++)
    spec[`u${i}`] = [
      ["view", `2024-06-0${1 + (i % 7)}T10:00Z`, { plan: i % 3 ? "free" : "pro" }],
      ["buy", `2024-06-1${i % 9}T10:00Z`, { price: i * 1.5 }],
    ];
  return journeys(spec);
}

export const plainColumn = (c: PropColumn) => ({
  tag: Array.from(c.tag),
  num: Array.from(c.num),
  str: Array.from(c.str),
  dict: [...c.dict],
});
