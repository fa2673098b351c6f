import { afterEach, describe, expect, it } from "vitest";
import type { LifecycleResult, StickinessResult } from "../../../src-preload/contract/results.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { runQuery } from "./run-query.ts";

let j: Journeys | undefined;
afterEach(() => j?.close());

describe("lifecycle", () => {
  it("classifies users as new, returning, resurrecting and dormant (negative) per period", async () => {
    j = journeys({
      new_then_returning: [
        ["use", "2024-06-01T10:00Z"],
        ["use", "2024-06-02T10:00Z"],
      ],
      active_before_range_then_gap: [
        ["use", "2024-05-31T10:00Z"],
        ["use", "2024-06-02T10:00Z"],
      ],
      created_earlier_by_attribute: {
        events: [["use", "2024-06-01T10:00Z"]],
        createdAt: "2024-05-01T00:00Z",
      },
      first_event_not_matching: [
        ["login", "2024-05-20T10:00Z"],
        ["use", "2024-06-03T10:00Z"],
      ],
    });
    const r = await runQuery<LifecycleResult>(j, {
      kind: "lifecycle",
      event: { event: "use" },
      interval: "day",
      range: { from: "2024-06-01", to: "2024-06-03" },
    });
    expect(r.periods).toEqual([
      // 06-01: new_then_returning new; created_earlier resurrecting; active_before_range dormant
      { start: "2024-06-01", new: 1, returning: 0, resurrecting: 1, dormant: -1 },
      // 06-02: new_then_returning returning; active_before_range resurrecting; created_earlier dormant
      { start: "2024-06-02", new: 0, returning: 1, resurrecting: 1, dormant: -1 },
      { start: "2024-06-03", new: 0, returning: 0, resurrecting: 1, dormant: -2 },
    ]);
  });

  it("takes weeks from the one containing range.from and reads whole periods", async () => {
    j = journeys({ sunday_user: [["use", "2024-06-02T10:00Z"]] });
    const q = {
      kind: "lifecycle",
      event: { event: "use" },
      interval: "week",
      range: { from: "2024-06-01", to: "2024-06-01" },
    };
    const mon = await runQuery<LifecycleResult>(j, q);
    expect(mon.periods).toEqual([{ start: "2024-05-27", new: 1, returning: 0, resurrecting: 0, dormant: 0 }]);
    const sun = await runQuery<LifecycleResult>(j, { ...q, weekStart: "sunday" });
    expect(sun.periods).toEqual([{ start: "2024-05-26", new: 0, returning: 0, resurrecting: 0, dormant: 0 }]);
  });
});

describe("stickiness", () => {
  it("counts users by the number of buckets they were active in, exact or cumulative", async () => {
    j = journeys({
      one_day: [
        ["use", "2024-06-01T10:00Z"],
        ["use", "2024-06-01T11:00Z"],
      ],
      three_days: [
        ["use", "2024-06-01T10:00Z"],
        ["use", "2024-06-02T10:00Z"],
        ["use", "2024-06-03T10:00Z"],
      ],
      other_event: [["login", "2024-06-01T10:00Z"]],
    });
    const q = {
      kind: "stickiness",
      event: { event: "use" },
      interval: "day",
      range: { from: "2024-06-01", to: "2024-06-03" },
    };
    expect((await runQuery<StickinessResult>(j, q)).counts).toEqual([1, 0, 1]);
    expect((await runQuery<StickinessResult>(j, { ...q, mode: "cumulative" })).counts).toEqual([2, 1, 1]);
  });

  it("reads week buckets whole, even days outside the range", async () => {
    j = journeys({
      two_weeks: [
        ["use", "2024-06-03T10:00Z"],
        ["use", "2024-06-16T10:00Z"],
      ],
    });
    const q = {
      kind: "stickiness",
      event: { event: "use" },
      interval: "week",
      range: { from: "2024-06-05", to: "2024-06-10" },
    };
    expect((await runQuery<StickinessResult>(j, q)).counts).toEqual([0, 1]);
  });
});
