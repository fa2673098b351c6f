import { afterEach, describe, expect, it } from "vitest";
import type {
  FunnelResult,
  LifecycleResult,
  SegmentCountResult,
  StickinessResult,
} from "../../../src-preload/contract/results.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { runQuery } from "./run-query.ts";

let j: Journeys | undefined;
afterEach(() => j?.close());

describe("calendar days in the query's timezone", () => {
  it("reads a range's days in the timezone (an evening in New York is the next UTC day)", async () => {
    j = journeys({
      // 2024-06-01T02:00Z is 22:00 on May 31 in New York
      late_evening: [
        ["signup", "2024-06-01T02:00Z"],
        ["buy", "2024-06-01T03:00Z"],
      ],
    });
    const q = {
      kind: "funnel",
      steps: [{ event: "signup" }, { event: "buy" }],
      range: { from: "2024-06-01", to: "2024-06-30" },
    };
    expect((await runQuery<FunnelResult>(j, q)).steps.map((s) => s.count)).toEqual([1, 1]);
    const ny = await runQuery<FunnelResult>(j, { ...q, timezone: "America/New_York" });
    expect(ny.steps.map((s) => s.count)).toEqual([0, 0]);
  });

  it("takes the workspace timezone when the query names none", async () => {
    j = journeys({ late_evening: [["signup", "2024-06-01T02:00Z"]] }, { timezone: "America/New_York" });
    const r = await runQuery<SegmentCountResult>(j, {
      kind: "segmentCount",
      segment: { firstSeen: { from: "2024-05-31", to: "2024-05-31" } },
    });
    expect(r.users).toBe(1);
  });

  it("keeps a 25-hour day (DST ends) as one day bucket", async () => {
    j = journeys({
      // 00:30 EDT and 23:30 EST on 2024-11-03: 24 hours apart, one calendar day in New York
      long_day: [
        ["use", "2024-11-03T04:30Z"],
        ["use", "2024-11-04T04:30Z"],
      ],
    });
    const q = {
      kind: "stickiness",
      event: { event: "use" },
      interval: "day",
      range: { from: "2024-11-03", to: "2024-11-04" },
    };
    expect((await runQuery<StickinessResult>(j, { ...q, timezone: "America/New_York" })).counts).toEqual([
      1, 0,
    ]);
    expect((await runQuery<StickinessResult>(j, q)).counts).toEqual([0, 1]);
  });

  it("lifecycle weeks across a DST change stay calendar weeks", async () => {
    j = journeys({
      // Sunday 2024-03-10 23:30 EDT (Monday 03:30Z) still belongs to the week of March 4
      weekly: [
        ["use", "2024-03-04T15:00Z"],
        ["use", "2024-03-11T03:30Z"],
        ["use", "2024-03-11T15:00Z"],
      ],
    });
    const r = await runQuery<LifecycleResult>(j, {
      kind: "lifecycle",
      event: { event: "use" },
      interval: "week",
      range: { from: "2024-03-04", to: "2024-03-17" },
      timezone: "America/New_York",
    });
    expect(r.periods.map((p) => [p.start, p.new, p.returning])).toEqual([
      ["2024-03-04", 1, 0],
      ["2024-03-11", 0, 1],
    ]);
  });
});
