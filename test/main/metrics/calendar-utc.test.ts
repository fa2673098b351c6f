import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, Calendar } from "../../../src-main/engine/metrics/calendar.ts";

// A UTC calendar is built without Intl (days start at UTC midnight); Etc/GMT is the same zone under a
// name the fast path does not know, so it goes through the general zoned path: both must agree.
describe("Calendar in UTC", () => {
  it("has the general path's day starts, days and hours", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20000 }),
        fc.integer({ min: 0, max: 400 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }),
        (start, span, fractions) => {
          const from = addDays("1990-01-01", start);
          const to = addDays(from, span);
          const fast = new Calendar(from, to, "UTC");
          const slow = new Calendar(from, to, "Etc/GMT");
          expect(Array.from(fast.starts)).toEqual(Array.from(slow.starts));
          expect(fast.starts[0]).toBe(Date.parse(`${from}T00:00:00Z`));
          for (const x of fractions) {
            const t = Math.floor(fast.startMs + x * (fast.endMs - fast.startMs - 1));
            const d = fast.dayIndex(t);
            expect(d).toBe(slow.dayIndex(t));
            expect(fast.shifts(d)).toBe(slow.shifts(d));
            expect(fast.hour(t, d)).toBe(slow.hour(t, d));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
