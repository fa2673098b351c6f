import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quintileCuts, quintileEdgesOf, scoreOf } from "../../../src-main/engine/metrics/quintiles.ts";
import {
  groupOf,
  joinValues,
  type RfmValues,
  rfmResult,
  rfmResultOf,
  scoreValues,
} from "../../../src-main/engine/rfm-scores.ts";

// RFM's result straight from the query workers' slices (rfmResultOf: cuts read across the slices,
// no joined copy, no score arrays) against the definition computed the slow way: every user's
// score from counting the values below it, every edge from a sorted copy.

/** Values as a scan produces them, and the kinds a workspace can hold: -0, NaN, infinities, large counts. */
const value = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 12 }) },
  { weight: 2, arbitrary: fc.integer({ min: 65_530, max: 65_540 }) },
  { weight: 2, arbitrary: fc.double({ min: -50, max: 50, noNaN: true }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(-0, 0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  },
);
const parts = fc.array(fc.array(value, { maxLength: 30 }), { maxLength: 4 });

const f64 = (xs: number[]) => Float64Array.from(xs);

/** The definition's score: floor(5 · below / n) + 1, below = values strictly lower (higher when reversed). */
function slowScore(all: number[], v: number, reversed: boolean): number {
  const below = all.filter((w) => (reversed ? w > v : w < v)).length;
  return Math.floor((5 * below) / all.length) + 1;
}

/** The values at min(n - 1, ceil(k · n / 5)) of the values sorted the score's way (a typed-array sort's order). */
function slowEdges(all: number[], reversed: boolean): number[] {
  if (all.length === 0) return [];
  const up = Array.from(Float64Array.from(all).sort());
  const sorted = reversed ? up.reverse() : up;
  return [1, 2, 3, 4].map(
    (k) => sorted[Math.min(all.length - 1, Math.ceil((k * all.length) / 5))] ?? Number.NaN,
  );
}

describe("quintiles read across slices", () => {
  it("scores every value as the definition does, and finds the same edges", () => {
    fc.assert(
      fc.property(parts, fc.boolean(), (xs, reversed) => {
        const all = xs.flat();
        const got = quintileCuts(xs.map(f64), reversed);
        if (all.some(Number.isNaN)) {
          expect(got).toBeNull();
          return;
        }
        expect(got).not.toBeNull();
        if (got === null) return;
        expect(got.edges).toEqual(slowEdges(all, reversed));
        for (const v of all) expect(scoreOf(v, got.cuts, reversed)).toBe(slowScore(all, v, reversed));
      }),
    );
  });

  it("finds monetary's edges, NaN included (it sorts last)", () => {
    fc.assert(
      fc.property(parts, (xs) => {
        expect(quintileEdgesOf(xs.map(f64))).toEqual(slowEdges(xs.flat(), false));
      }),
    );
  });
});

/** A slice's values: user indexes from `first`, whole days and counts, and amounts. */
const slice = (first: number) =>
  fc
    .array(
      fc.record({
        days: fc.integer({ min: 0, max: 40 }),
        count: fc.oneof(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 65_530, max: 65_540 })),
        amount: fc.oneof(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.constantFrom(0, Number.NaN)),
      }),
      { maxLength: 40 },
    )
    .map(
      (rows): RfmValues => ({
        users: Int32Array.from(rows, (_, i) => first + i),
        recencyDays: f64(rows.map((r) => r.days)),
        frequency: f64(rows.map((r) => r.count)),
        monetary: f64(rows.map((r) => r.amount)),
        hasMonetary: true,
      }),
    );

describe("rfm's result from the slices", () => {
  it("is the definition's grid, groups and edges, with sums in user order", () => {
    fc.assert(
      fc.property(fc.tuple(slice(0), slice(1000), slice(2000)), (slices) => {
        const got = rfmResultOf(slices);
        const days = slices.flatMap((s) => Array.from(s.recencyDays));
        const counts = slices.flatMap((s) => Array.from(s.frequency));
        const amounts = slices.flatMap((s) => Array.from(s.monetary));
        const grid = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
        const sums = new Map<string, { users: number; monetary: number }>();
        days.forEach((d, i) => {
          const r = slowScore(days, d, true);
          const f = slowScore(counts, counts[i] ?? Number.NaN, false);
          const row = grid[r - 1];
          if (row) row[f - 1] = (row[f - 1] ?? 0) + 1;
          const g = sums.get(groupOf(r, f)) ?? { users: 0, monetary: 0 };
          sums.set(groupOf(r, f), { users: g.users + 1, monetary: g.monetary + (amounts[i] ?? Number.NaN) });
        });
        expect(got.users).toBe(days.length);
        expect(got.grid).toEqual(grid);
        for (const g of got.groups) {
          const want = sums.get(g.group) ?? { users: 0, monetary: 0 };
          expect([g.group, g.users, g.monetary]).toEqual([g.group, want.users, want.monetary]);
        }
        expect(got.edges).toEqual({
          recencyDays: slowEdges(days, true),
          frequency: slowEdges(counts, false),
          monetary: slowEdges(amounts, false),
        });
        // and the same answer, to the bit, as scoring the joined values user by user
        expect(got).toEqual(rfmResult(scoreValues(joinValues(slices))));
      }),
    );
  });

  it("answers for no scored user at all", () => {
    const none: RfmValues = {
      users: new Int32Array(0),
      recencyDays: new Float64Array(0),
      frequency: new Float64Array(0),
      monetary: new Float64Array(0),
      hasMonetary: false,
    };
    expect(rfmResultOf([none, none])).toEqual(rfmResult(scoreValues(joinValues([none, none]))));
    expect(rfmResultOf([none]).users).toBe(0);
  });
});
