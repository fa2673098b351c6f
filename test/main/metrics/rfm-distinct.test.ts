import { afterEach, expect, it } from "vitest";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { fixed, run } from "./helpers.ts";

// frequencyDistinct counts strings and numbers in separate key spaces: the first string of the
// property's dictionary must not collide with the number -1 (it did: keys were -1 - index).

let j: Journeys | undefined;
afterEach(() => j?.close());

it("counts a string and the number -1 as two distinct values", async () => {
  j = journeys(
    {
      ann: [
        ["buy", "2024-06-01T10:00Z", { invoice: "a" }],
        ["buy", "2024-06-02T10:00Z", { invoice: -1 }],
        ["buy", "2024-06-03T10:00Z", { invoice: -1 }],
      ],
    },
    fixed("2024-06-30"),
  );
  const r = await run(j, {
    kind: "rfm",
    event: { event: "buy" },
    frequencyDistinct: "invoice",
    range: { from: "2024-06-01", to: "2024-06-30" },
  });
  expect(r.users).toBe(1);
  expect(r.edges.frequency).toEqual([2, 2, 2, 2]);
});
