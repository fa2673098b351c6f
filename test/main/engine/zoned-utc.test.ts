import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateInZone, zonedParts, zoneOffsetMs } from "../../../src-main/time/zoned.ts";

// zonedParts reads UTC's calendar fields from Date instead of an Intl formatter (no zone data to
// load). Checked against Intl itself, the way every other zone is read, from year 1 to 9999 and
// around the ends of days, months and years.

const intl = new Intl.DateTimeFormat("en-CA", {
  timeZone: "UTC",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function byIntl(ms: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of intl.formatToParts(new Date(ms))) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out;
}

const YEAR_1 = new Date(0).setUTCFullYear(1, 0, 1);
const YEAR_9999_END = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

describe("UTC's calendar fields", () => {
  it("are Intl's for any instant from year 1 to 9999", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: YEAR_1, max: YEAR_9999_END }),
          // the last and first millisecond of a day, whichever day
          fc
            .integer({ min: 0, max: 4_000_000 })
            .chain((day) => fc.constantFrom(day * 86_400_000 - 1, day * 86_400_000, day * 86_400_000 + 999)),
        ),
        (ms) => {
          const p = zonedParts(ms, "UTC");
          expect({ ...p }).toEqual(byIntl(ms));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("give the dates and a zero offset the engine asks for", () => {
    expect(dateInZone(Date.UTC(2024, 1, 29, 23, 59, 59, 999), "UTC")).toBe("2024-02-29");
    expect(dateInZone(Date.UTC(2025, 0, 1), "UTC")).toBe("2025-01-01");
    expect(zoneOffsetMs(Date.UTC(2024, 6, 1, 12), "UTC")).toBe(0);
    expect(zonedParts(Date.UTC(1999, 11, 31, 23, 59, 59), "UTC")).toEqual({
      year: 1999,
      month: 12,
      day: 31,
      hour: 23,
      minute: 59,
      second: 59,
    });
  });
});
