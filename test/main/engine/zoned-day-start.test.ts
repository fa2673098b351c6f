import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { startOfDate, zonedTimeToUtc } from "../../../src-main/time/zoned.ts";

// A calendar day starts at its first instant. Where the clocks jump forward at midnight (Chile,
// Cuba, Egypt, Lebanon, the Azores, Paraguay) the day has no 00:00 and starts at 01:00; the start
// used to be computed as 23:00 of the day before, so that hour's events were counted a day late.
// Checked against the definition, read with an Intl formatter of the test's own: the start's date
// is the day's, and the minute before it belongs to the day before.

const ZONES = [
  "America/Santiago",
  "America/Havana",
  "Africa/Cairo",
  "Asia/Beirut",
  "Atlantic/Azores",
  "America/Asuncion",
  "Europe/Berlin",
  "America/New_York",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "UTC",
];

const formats = new Map<string, Intl.DateTimeFormat>();
function localDate(ms: number, tz: string): string {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" });
    formats.set(tz, f);
  }
  return f.format(new Date(ms));
}

const DAY = 86_400_000;

describe("startOfDate", () => {
  it("is the first instant of the day in every zone, days without a midnight included", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(2019, 0, 1) / DAY, max: Date.UTC(2026, 11, 31) / DAY }),
        (tz, day) => {
          const date = new Date(day * DAY).toISOString().slice(0, 10);
          const start = startOfDate(date, tz);
          expect(localDate(start, tz)).toBe(date);
          expect(localDate(start - 60_000, tz)).not.toBe(date);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("starts the days whose midnight is skipped at 01:00", () => {
    // Santiago 2023-09-03: 00:00 -04 became 01:00 -03 (04:00 UTC); Beirut 2024-03-31 and Havana
    // 2024-03-10 likewise
    expect(startOfDate("2023-09-03", "America/Santiago")).toBe(Date.UTC(2023, 8, 3, 4));
    expect(startOfDate("2024-03-31", "Asia/Beirut")).toBe(Date.UTC(2024, 2, 30, 22));
    expect(startOfDate("2024-03-10", "America/Havana")).toBe(Date.UTC(2024, 2, 10, 5));
  });

  it("gives a wall time skipped by a jump forward the instant just after the gap", () => {
    // Berlin 2024-03-31: 02:00 +01 became 03:00 +02 at 01:00 UTC; 02:30 does not exist, 03:30 does
    expect(zonedTimeToUtc(2024, 3, 31, 2, 30, 0, 0, "Europe/Berlin")).toBe(Date.UTC(2024, 2, 31, 1, 30));
  });
});
