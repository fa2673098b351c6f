import { afterAll, describe, expect, it } from "vitest";
import type { SegmentFlowResult } from "../../../src-preload/contract/paths.ts";
import { journeys } from "../../helpers/journeys.ts";
import { runQuery } from "../engine/run-query.ts";

// Readers becoming engaged readers (the seeds' example), read off by eye.

const j = journeys(
  {
    // reads on June 1, then five times in the week to June 10: new, then engaged
    grows: [
      ["read", "2024-06-01T09:00Z", { words: 100 }],
      ["read", "2024-06-07T09:00Z"],
      ["read", "2024-06-08T09:00Z", { words: 900 }],
      ["read", "2024-06-09T09:00Z"],
      ["read", "2024-06-10T09:00Z"],
      ["read", "2024-06-10T23:59:59.999Z"],
    ],
    // first seen June 5: not yet on June 1
    late: [["read", "2024-06-05T12:00Z"]],
    // active early, then silent: engaged counts only the last 7 days, so dormant by June 20
    fades: [
      ["read", "2024-05-28T09:00Z"],
      ["read", "2024-05-29T09:00Z"],
      ["read", "2024-05-30T09:00Z"],
      ["read", "2024-05-31T09:00Z"],
      ["read", "2024-06-01T09:00Z"],
    ],
    // a user with no events at all: the states decide (none match)
    ghost: { attributes: { plan: "free" } },
  },
  { asOf: { mode: "fixed", date: "2024-06-30" } },
);
afterAll(() => j.close());

const states = [
  {
    label: "Engaged",
    segment: {
      performed: { event: "read" },
      count: { op: "gte", value: 5 },
      within: { last: 7, unit: "day" },
    },
  },
  {
    label: "Big reader",
    segment: { performed: { event: "read", where: [{ property: "words", op: "gte", value: 500 }] } },
  },
  { label: "New", segment: { firstSeen: { last: 7, unit: "day" } } },
  { label: "Dormant", segment: { lastSeen: { from: "2000-01-01", to: "2099-12-31" } } },
];
const flow = (q: object) => runQuery<SegmentFlowResult>(j, { kind: "segmentFlow", states, ...q });

describe("segment flow journeys", () => {
  it("states at each date, first matching state wins, relative ranges end on the date", async () => {
    const r = await flow({ at: ["2024-06-01", "2024-06-10", "2024-06-20"] });
    expect(r.states).toEqual(["Engaged", "Big reader", "New", "Dormant", "$none", "$notYet"]);
    // June 1: grows new; late not yet; fades engaged (5 reads May 28..Jun 1); ghost none
    expect(r.counts[0]).toEqual([1, 0, 1, 0, 1, 1]);
    // June 10: grows engaged (5 reads Jun 7..10, the last at 23:59:59.999); late new; fades dormant
    expect(r.counts[1]).toEqual([1, 0, 1, 1, 1, 0]);
    // June 20: grows big reader (words 900 is an absolute fact); late and fades dormant
    expect(r.counts[2]).toEqual([0, 1, 0, 2, 1, 0]);
    expect(r.transitions[0]?.matrix[5]?.[2]).toBe(1); // late: not yet -> new
    expect(r.transitions[0]?.matrix[0]?.[3]).toBe(1); // fades: engaged -> dormant
    expect(r.transitions[1]?.matrix[0]?.[1]).toBe(1); // grows: engaged -> big reader
  });

  it("events after the end of the date do not count (the property column is cut too)", async () => {
    const r = await flow({ at: ["2024-06-07", "2024-06-08"] });
    // June 7: grows has read only the 100-word article; June 8 the 900-word one
    expect(r.counts[0]?.[1]).toBe(0);
    expect(r.counts[1]?.[1]).toBe(1);
  });

  it("every week: the last day of each week, the last capped at the range's end", async () => {
    const r = await flow({ at: { every: "week", range: { from: "2024-06-01", to: "2024-06-12" } } });
    expect(r.at).toEqual(["2024-06-02", "2024-06-09", "2024-06-12"]);
    const s = await flow({
      at: { every: "week", range: { from: "2024-06-01", to: "2024-06-12" } },
      weekStart: "sunday",
    });
    expect(s.at).toEqual(["2024-06-01", "2024-06-08", "2024-06-12"]);
  });

  it("the segment keeps only its users, judged at the last date", async () => {
    const r = await flow({
      at: ["2024-06-01", "2024-06-20"],
      segment: { performed: { event: "read" }, within: { from: "2024-06-05", to: "2024-06-30" } },
    });
    expect(r.counts[0]?.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it("rejects reserved labels, decreasing dates and too many states", async () => {
    await expect(
      flow({ states: [{ label: "$none", segment: { all: [] } }], at: ["2024-06-01", "2024-06-02"] }),
    ).rejects.toThrow(/reserved/);
    await expect(flow({ at: ["2024-06-02", "2024-06-01"] })).rejects.toThrow(/increasing/);
    await expect(
      flow({ at: { every: "day", range: { from: "2024-01-01", to: "2024-06-01" } } }),
    ).rejects.toThrow(/at most 24/);
  });
});
