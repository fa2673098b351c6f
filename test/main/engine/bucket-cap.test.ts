import { describe, expect, it } from "vitest";
import { bucketsCovering } from "../../../src-main/engine/calendar.ts";
import { MAX_BUCKETS, trendBuckets } from "../../../src-main/engine/trends/buckets.ts";

// The cap is on the number of buckets the message names: it counted the distance between the
// dates (one short: 20,001 day buckets passed a cap of 20,000) and months as 28 days (a range of
// fewer months than the cap was refused, "about 20,610 months").

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe("the bucket cap", () => {
  it("allows exactly the cap's days and weeks, and refuses one more", () => {
    expect(
      trendBuckets({ from: "1970-01-01", to: addDays("1970-01-01", MAX_BUCKETS - 1) }, "day", "monday", "UTC")
        .labels,
    ).toHaveLength(MAX_BUCKETS);
    expect(() =>
      trendBuckets({ from: "1970-01-01", to: addDays("1970-01-01", MAX_BUCKETS) }, "day", "monday", "UTC"),
    ).toThrow(/20,001 days/);
    // 1970-01-05 is a Monday
    const weeks = { from: "1970-01-05", to: addDays("1970-01-05", 7 * MAX_BUCKETS) };
    expect(() => trendBuckets(weeks, "week", "monday", "UTC")).toThrow(/20,001 weeks/);
  });

  it("counts months as months", () => {
    expect(
      bucketsCovering({ from: "2000-01-15", to: "2001-03-02" }, "month", "monday", "UTC").starts,
    ).toHaveLength(15);
    expect(() => bucketsCovering({ from: "1970-01-01", to: "2278-05-01" }, "month", "monday", "UTC")).toThrow(
      /3,701 months/,
    );
    expect(
      bucketsCovering({ from: "1970-01-01", to: "2278-04-30" }, "month", "monday", "UTC").starts,
    ).toHaveLength(3_700);
  });
});
