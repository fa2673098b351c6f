import { afterEach, describe, expect, it } from "vitest";
import type { RetentionResult, SegmentCountResult } from "../../../src-preload/contract/results.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { runQuery } from "./run-query.ts";

// Retention by the hour (issue 15, resources/docs/queries.md): local clock hours in the query's
// timezone, as trends' hour buckets.

let j: Journeys | undefined;
afterEach(() => j?.close());

function retention(extra: Record<string, unknown>): Promise<RetentionResult> {
  return runQuery<RetentionResult>(j as Journeys, {
    kind: "retention",
    target: { event: "signup" },
    return: { event: "open" },
    interval: "hour",
    periods: 4,
    ...extra,
  });
}
const cohort = (r: RetentionResult, start: string) => r.cohorts.find((c) => c.start === start);

describe("retention by the hour", () => {
  it("counts returns in the following clock hours, one cohort per hour of the range", async () => {
    j = journeys({
      u: [
        ["signup", "2024-06-03T10:15Z"],
        ["open", "2024-06-03T10:59Z"],
        ["open", "2024-06-03T11:30Z"],
        ["open", "2024-06-03T13:05Z"],
      ],
      v: [
        ["signup", "2024-06-03T10:45Z"],
        ["open", "2024-06-03T12:00Z"],
      ],
    });
    const r = await retention({ range: { from: "2024-06-03", to: "2024-06-03" } });
    expect(r.cohorts).toHaveLength(24);
    expect(r.cohorts[0]?.start).toBe("2024-06-03T00:00");
    expect(cohort(r, "2024-06-03T10:00")?.values).toEqual([2, 1, 1, 1]);
    // the day's last hours: returns after the range's last hour are not read
    expect(r.cohorts[22]?.incomplete).toBe(2);
    const after = await retention({ range: { from: "2024-06-03", to: "2024-06-03" }, measure: "onOrAfter" });
    expect(cohort(after, "2024-06-03T10:00")?.values).toEqual([2, 2, 2, 1]);
  });

  it("fall back: the repeated hour is one period; spring forward: the skipped hour is none", async () => {
    const tz = "America/New_York";
    j = journeys(
      {
        // 01:30 EDT, then 01:30 EST (the same clock hour), then 02:30 EST
        back: [
          ["signup", "2024-11-03T05:30Z"],
          ["open", "2024-11-03T06:30Z"],
          ["open", "2024-11-03T07:30Z"],
        ],
        // 01:30 EST, then 03:30 EDT: the next clock hour after 01:00 is 03:00
        forward: [
          ["signup", "2024-03-10T06:30Z"],
          ["open", "2024-03-10T07:30Z"],
        ],
      },
      { timezone: tz },
    );
    const fall = await retention({ range: { from: "2024-11-03", to: "2024-11-03" }, timezone: tz });
    expect(fall.cohorts).toHaveLength(24);
    expect(fall.cohorts.filter((c) => c.start === "2024-11-03T01:00")).toHaveLength(1);
    expect(cohort(fall, "2024-11-03T01:00")?.values).toEqual([1, 1, 0, 0]);
    const spring = await retention({ range: { from: "2024-03-10", to: "2024-03-10" }, timezone: tz });
    expect(spring.cohorts).toHaveLength(23);
    expect(cohort(spring, "2024-03-10T02:00")).toBeUndefined();
    expect(cohort(spring, "2024-03-10T01:00")?.values).toEqual([1, 1, 0, 0]);
  });

  it("brackets count hours after the cohort's", async () => {
    j = journeys({
      u: [
        ["signup", "2024-06-03T10:15Z"],
        ["open", "2024-06-03T14:30Z"],
      ],
    });
    const r = await retention({
      range: { from: "2024-06-03", to: "2024-06-03" },
      brackets: [
        { from: 1, to: 1 },
        { from: 2, to: 6 },
      ],
    });
    expect(cohort(r, "2024-06-03T10:00")?.brackets).toEqual([0, 1]);
  });

  it("a segment names an hour cohort by its label, or a day by its first hour", async () => {
    j = journeys({
      midnight: [
        ["signup", "2024-06-03T00:10Z"],
        ["open", "2024-06-03T01:10Z"],
      ],
      ten: [["signup", "2024-06-03T10:10Z"]],
    });
    const q = {
      kind: "retention",
      target: { event: "signup" },
      return: { event: "open" },
      interval: "hour",
      periods: 3,
      range: { from: "2024-06-03", to: "2024-06-03" },
    };
    const users = async (c: Record<string, unknown>) =>
      (
        await runQuery<SegmentCountResult>(j as Journeys, {
          kind: "segmentCount",
          segment: { retention: q, ...c },
        })
      ).users;
    expect(await users({ cohort: "2024-06-03T10:00" })).toBe(1);
    expect(await users({ cohort: "2024-06-03" })).toBe(1);
    expect(await users({ cohort: "2024-06-03T00:00", returnedIn: 1 })).toBe(1);
    expect(await users({ cohort: "2024-06-03T10:00", returnedIn: 1 })).toBe(0);
  });

  it("refuses a range of more hours than a chart shows, as other intervals do", async () => {
    j = journeys({ u: [["signup", "2024-06-03T10:15Z"]] });
    await expect(retention({ range: { from: "2024-01-01", to: "2024-06-30" } })).rejects.toThrow(
      /hours; at most 3,700 buckets/,
    );
  });
});
