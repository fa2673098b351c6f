import { afterEach, describe, expect, it } from "vitest";
import { writeActivity } from "../../../src-main/workspace/activity.ts";
import type { ActivityHeatmapResult } from "../../../src-preload/contract/metric-results.ts";
import type { LifecycleResult, StickinessResult } from "../../../src-preload/contract/results.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { runQuery } from "./run-query.ts";

// Lifecycle, stickiness and the activity heatmap count "any event" as any ACTIVITY, like active
// users: a user who only received messages is never new, returning or sticky. Hand-checked counts
// on a three-user fixture.

let j: Journeys | undefined;
afterEach(() => j?.close());

const RANGE = { from: "2024-06-03", to: "2024-06-05" };

function workspace(): Journeys {
  return journeys({
    // only received messages, every day
    recipient: [
      ["email_sent", "2024-06-03T09:00Z"],
      ["push_sent", "2024-06-04T09:00Z"],
      ["email_sent", "2024-06-05T09:00Z"],
    ],
    // used the app on the 3rd; a push on the 4th does not make them returning
    user: [
      ["app_open", "2024-06-03T10:00Z"],
      ["push_sent", "2024-06-04T11:00Z"],
    ],
  });
}

describe("activity in lifecycle, stickiness and the heatmap", () => {
  it("lifecycle: message deliveries neither create nor keep a user", async () => {
    j = workspace();
    const r = await runQuery<LifecycleResult>(j, {
      kind: "lifecycle",
      event: { event: null },
      interval: "day",
      range: RANGE,
    });
    expect(r.periods).toEqual([
      { start: "2024-06-03", new: 1, returning: 0, resurrecting: 0, dormant: 0 },
      { start: "2024-06-04", new: 0, returning: 0, resurrecting: 0, dormant: -1 },
      { start: "2024-06-05", new: 0, returning: 0, resurrecting: 0, dormant: 0 },
    ]);
    // an explicitly chosen delivery still counts, and an empty list counts everything
    const sent = await runQuery<LifecycleResult>(j, {
      kind: "lifecycle",
      event: { event: "email_sent" },
      interval: "day",
      range: RANGE,
    });
    expect(sent.periods.map((p) => p.new)).toEqual([1, 0, 0]);
    writeActivity(j.ws.db, []);
    const all = await runQuery<LifecycleResult>(j, {
      kind: "lifecycle",
      event: { event: null },
      interval: "day",
      range: RANGE,
    });
    expect(all.periods.map((p) => [p.new, p.returning])).toEqual([
      [2, 0],
      [0, 2],
      [0, 1],
    ]);
  });

  it("stickiness: days with only a delivery are not active days", async () => {
    j = workspace();
    const r = await runQuery<StickinessResult>(j, {
      kind: "stickiness",
      event: { event: null },
      interval: "day",
      range: RANGE,
    });
    expect(r.counts).toEqual([1, 0, 0]);
  });

  it("heatmap: sends do not paint the send schedule", async () => {
    j = workspace();
    const r = await runQuery<ActivityHeatmapResult>(j, {
      kind: "activityHeatmap",
      range: RANGE,
      timezone: "UTC",
    });
    expect(r.total).toBe(1);
  });

  it("$event filters on the event's name: twenty events but not deliveries", async () => {
    j = workspace();
    const notDelivery = {
      event: null,
      where: [{ property: "$event", op: "notIn", value: ["email_sent", "push_sent"] }],
    };
    const count = async (c: number) =>
      (
        await runQuery<{ users: number }>(j as Journeys, {
          kind: "segmentCount",
          segment: { performed: notDelivery, count: { op: "gte", value: c } },
        })
      ).users;
    expect(await count(1)).toBe(1);
    expect(await count(2)).toBe(0);
    const anyTwo = await runQuery<{ users: number }>(j, {
      kind: "segmentCount",
      segment: { performed: { event: null }, count: { op: "gte", value: 2 } },
    });
    expect(anyTwo.users).toBe(2);
  });
});
