import { afterEach, describe, expect, it } from "vitest";
import type { MessageRow } from "../../../src-preload/contract/metric-results.ts";
import { type JourneyEvent, type Journeys, journeys } from "../../helpers/journeys.ts";
import { run } from "./helpers.ts";

// messageEngagement's "other" row (the campaigns past `limit`) counts users, so a user who got
// several merged campaigns counts once there, as in the total: it used to add the merged rows' user
// counts, and came out above the total on the demo workspace. Its `messages` (send events) still add.

let j: Journeys | undefined;
afterEach(() => j?.close());

const june = { from: "2024-06-01", to: "2024-06-30" };
const base = {
  kind: "messageEngagement",
  send: { event: "send" },
  open: { event: "open" },
  click: { event: "click" },
  by: "campaign",
  conversion: { event: "purchase" },
  limit: 1,
  range: june,
} as const;
const STAGES = ["messages", "sent", "delivered", "opened", "clicked", "converted"] as const;

function otherRow(rows: MessageRow[]): MessageRow {
  const other = rows.filter((row) => row.other);
  expect(other).toHaveLength(1);
  return other[0] as MessageRow;
}

describe("messageEngagement other row", () => {
  it("counts a user of several merged campaigns once, at each stage they reach in any of them", async () => {
    const onlyA = (t: string): JourneyEvent[] => [["send", t, { campaign: "A" }]];
    j = journeys({
      // A has the most users (4): kept with limit 1; B and C (3 users each) are merged
      a1: [...onlyA("2024-06-02T09:00Z")],
      a2: [...onlyA("2024-06-02T09:00Z")],
      a3: [...onlyA("2024-06-02T09:00Z")],
      a4: [...onlyA("2024-06-02T09:00Z")],
      // both merged campaigns: sent and opened in each, clicked in C only
      u1: [
        ["send", "2024-06-02T10:00Z", { campaign: "B" }],
        ["open", "2024-06-02T11:00Z", { campaign: "B" }],
        ["send", "2024-06-03T10:00Z", { campaign: "C" }],
        ["open", "2024-06-03T11:00Z", { campaign: "C" }],
        ["click", "2024-06-03T11:05Z", { campaign: "C" }],
      ],
      u2: [["send", "2024-06-02T10:00Z", { campaign: "B" }]],
      u3: [
        ["send", "2024-06-02T10:00Z", { campaign: "C" }],
        ["open", "2024-06-02T12:00Z", { campaign: "C" }],
        ["purchase", "2024-06-02T18:00Z"],
      ],
      // both merged campaigns, opened and converted in B only
      u4: [
        ["send", "2024-06-05T10:00Z", { campaign: "B" }],
        ["send", "2024-06-05T10:00Z", { campaign: "C" }],
        ["open", "2024-06-05T12:00Z", { campaign: "B" }],
        ["purchase", "2024-06-05T13:00Z"],
      ],
    });
    const r = await run(j, base);
    expect(r.rows.map((row) => row.value)).toEqual(["A", null]);
    expect(otherRow(r.rows)).toEqual({
      value: null,
      other: true,
      messages: 6, // 3 sends of B + 3 of C: events add
      sent: 4, // u1..u4 (B's 3 + C's 3 before)
      delivered: 4,
      opened: 3, // u1, u3, u4
      clicked: 1,
      openRate: 3 / 4,
      clickRate: 1 / 4,
      clickToOpen: 1 / 3,
      converted: 2, // u3 in C, u4 in B
      conversionRate: 2 / 3,
    });
    expect(r.total).toMatchObject({ messages: 10, sent: 8, opened: 3, clicked: 1, converted: 2 });
    for (const stage of STAGES) expect(otherRow(r.rows)[stage]).toBeLessThanOrEqual(r.total[stage] ?? 0);
  });

  it("keeps each merged campaign's own conversion rule: converted in one of them is converted", async () => {
    j = journeys({
      a1: [["send", "2024-06-02T09:00Z", { campaign: "A" }]],
      a2: [["send", "2024-06-02T09:00Z", { campaign: "A" }]],
      u1: [
        ["send", "2024-06-02T10:00Z", { campaign: "B" }],
        ["open", "2024-06-02T11:00Z", { campaign: "B" }],
        ["send", "2024-06-04T10:00Z", { campaign: "C" }],
        ["open", "2024-06-04T11:00Z", { campaign: "C" }],
        // two days after B's open (not a conversion of B), an hour after C's (one of C)
        ["purchase", "2024-06-04T12:00Z"],
      ],
    });
    const r = await run(j, base);
    expect(r.rows.find((row) => row.value === "C")).toBeUndefined();
    expect(otherRow(r.rows)).toMatchObject({
      messages: 2,
      sent: 1,
      opened: 1,
      converted: 1,
      conversionRate: 1,
    });
    // the total's window starts at the user's first open of any campaign (B's): not converted there
    expect(r.total).toMatchObject({ sent: 3, opened: 1, converted: 0 });
  });

  it("has no other row when every campaign is kept", async () => {
    j = journeys({
      u1: [
        ["send", "2024-06-02T10:00Z", { campaign: "B" }],
        ["send", "2024-06-03T10:00Z", { campaign: "C" }],
      ],
    });
    const r = await run(j, { ...base, limit: 2 });
    expect(r.rows.map((row) => [row.value, row.sent])).toEqual([
      ["B", 1],
      ["C", 1],
    ]);
  });
});
