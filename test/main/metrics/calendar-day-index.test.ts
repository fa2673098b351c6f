import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, Calendar } from "../../../src-main/engine/metrics/calendar.ts";

// dayIndex's definition: the last day whose start is at or before the instant, -1 outside the
// calendar. Checked by a linear walk over the day starts, in zones with 24-hour days only (UTC, a
// fixed offset, a DST zone away from its changes: the arithmetic path) and with a DST change (the
// binary search), at instants on, just before and just after day starts, fractions of a ms included.
function byWalk(starts: Float64Array, t: number): number {
  if (!(t >= (starts[0] ?? Number.NaN) && t < (starts[starts.length - 1] ?? Number.NaN))) return -1;
  let day = 0;
  while ((starts[day + 1] ?? Number.POSITIVE_INFINITY) <= t) day++;
  return day;
}

describe("Calendar.dayIndex and dayNear", () => {
  it("give the last day starting at or before an instant, whatever the zone", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          "UTC",
          "Etc/GMT-5",
          "Asia/Kolkata",
          "Europe/Berlin",
          "America/New_York",
          "Australia/Lord_Howe",
        ),
        fc.integer({ min: 0, max: 12000 }),
        fc.integer({ min: 0, max: 120 }),
        fc.array(fc.tuple(fc.nat(121), fc.constantFrom(0, -1, 1, -0.25, 0.5, 3_599_999.5, -86_400_000)), {
          maxLength: 30,
        }),
        (zone, start, span, probes) => {
          const from = addDays("1995-01-01", start);
          const cal = new Calendar(from, addDays(from, span), zone);
          let hint = -1;
          for (const [day, shift] of probes) {
            const t = (cal.starts[Math.min(day, cal.starts.length - 1)] ?? 0) + shift;
            const expected = byWalk(cal.starts, t);
            expect(cal.dayIndex(t)).toBe(expected);
            if (expected >= 0) hint = cal.dayNear(t, hint);
            if (expected >= 0) expect(hint).toBe(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("stays exact over decades, at the double just below each day's start", () => {
    const cal = new Calendar("1970-01-01", "2035-12-31", "UTC");
    const days = cal.days;
    for (let day = 16_000; day < days; day += 97) {
      const start = cal.starts[day] ?? 0;
      // the double just below a day's start (about 1.5e12 ms, where doubles are 2^-12 ms apart)
      const before = start - 2 ** -12;
      expect(cal.dayIndex(before)).toBe(byWalk(cal.starts, before));
      expect(cal.dayIndex(start)).toBe(day);
    }
  });
});
