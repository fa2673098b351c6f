import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupBuckets, RowBuckets } from "../../../src-main/import/row-buckets.ts";

// The rows an import keeps by bucket of users, grouped after the last one, against the obvious
// way: every row sorted at once by (user's index, time, seq), rows of ids without an index left out.

interface Row {
  id: number;
  code: number;
  time: number;
}

function reference(rows: Row[], indexOfId: Int32Array, firstSeq: number) {
  return rows
    .map((r, i) => ({ ui: indexOfId[r.id] ?? -1, code: r.code, time: r.time, seq: firstSeq + i }))
    .filter((r) => r.ui >= 0)
    .sort((a, b) => a.ui - b.ui || a.time - b.time || a.seq - b.seq);
}

/** Keeps `rows` in batches cut at `cuts`, as the inserting thread gets them. */
function kept(rows: Row[], cuts: number[]): RowBuckets {
  const buckets = new RowBuckets();
  const ends = [...new Set([...cuts.map((c) => c % (rows.length + 1)), rows.length])].sort((a, b) => a - b);
  let from = 0;
  for (const end of ends) {
    const part = rows.slice(from, end);
    const ok = buckets.add(
      Int32Array.from(part, (r) => r.id),
      Int32Array.from(part, (r) => r.code),
      Float64Array.from(part, (r) => r.time),
      part.length,
    );
    expect(ok).toBe(true);
    from = end;
  }
  return buckets;
}

// ids across several buckets of 4,096, or few ids with many rows each (several blocks of 2,048 rows)
const rowsArb = fc.oneof(
  fc.array(
    fc.record({
      id: fc.nat({ max: 20_000 }),
      code: fc.nat({ max: 0xffff }),
      time: fc.integer({ min: 0, max: 50 }),
    }),
    { maxLength: 400 },
  ),
  fc.array(
    fc.record({ id: fc.nat({ max: 6 }), code: fc.nat({ max: 9 }), time: fc.integer({ min: 0, max: 30 }) }),
    { minLength: 2_000, maxLength: 5_000 },
  ),
);

/** The first place where a and b differ, or -1: a failure reports it, not a diff of 5,000 rows. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}

function check(rows: Row[], cuts: number[], indexOfId: Int32Array, nUsers: number): void {
  const got = groupBuckets(kept(rows, cuts).take(), indexOfId, nUsers, 11);
  const want = reference(rows, indexOfId, 11);
  const offsets = [0];
  for (let u = 0; u < nUsers; u++)
    offsets.push((offsets[u] as number) + want.filter((w) => w.ui === u).length);
  expect({
    codes: firstDifference(
      got.eventCodes,
      want.map((w) => w.code),
    ),
    times: firstDifference(
      got.times,
      want.map((w) => w.time),
    ),
    seqs: firstDifference(
      got.seqs,
      want.map((w) => w.seq),
    ),
    userOffsets: firstDifference(got.userOffsets, offsets),
  }).toEqual({ codes: -1, times: -1, seqs: -1, userOffsets: -1 });
}

describe("RowBuckets and groupBuckets", () => {
  it("group as one sort would, when indexes increase with ids (some ids without one)", () => {
    fc.assert(
      fc.property(rowsArb, fc.array(fc.nat(), { maxLength: 5 }), fc.integer(), (rows, cuts, seed) => {
        // ids with an index: a pseudo-random half, numbered in id order
        const indexOfId = new Int32Array(20_001).fill(-1);
        let next = 0;
        for (let id = 0; id < indexOfId.length; id++)
          if (((id * 2654435761 + seed) >>> 7) % 2 === 0) indexOfId[id] = next++;
        check(rows, cuts, indexOfId, next);
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });

  it("group as one sort would when identity links merged ids (indexes out of id order)", () => {
    fc.assert(
      fc.property(rowsArb, fc.array(fc.nat(), { maxLength: 5 }), (rows, cuts) => {
        // ids 0..20000 over 7 users, reversed and shared: not increasing
        const indexOfId = Int32Array.from({ length: 20_001 }, (_, id) => 6 - (id % 7));
        check(rows, cuts, indexOfId, 7);
      }),
      { numRuns: 20, endOnFailure: true },
    );
  });

  it("keep row order for events at one time of a user whose ids lie in different buckets", () => {
    // few rows with few times: a user's slice is often already in time order, so nothing sorts
    // it and its ties keep the order the rows came in, which must be the import's
    const ids = [10, 5_000, 9_000, 13_000];
    const row = fc.record({
      id: fc.constantFrom(...ids),
      code: fc.nat({ max: 3 }),
      time: fc.integer({ min: 0, max: 1 }),
    });
    const indexOfId = new Int32Array(13_001).fill(-1);
    ids.forEach((id, i) => {
      indexOfId[id] = i % 2;
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 3 }), (rows, cuts) =>
        check(rows, cuts, indexOfId, 2),
      ),
      { numRuns: 300 },
    );
  });

  it("refuses, keeping nothing, a batch with a code past 16 bits or a negative id", () => {
    const buckets = new RowBuckets();
    expect(buckets.add(Int32Array.of(1, 2), Int32Array.of(3, 0x10000), Float64Array.of(1, 2), 2)).toBe(false);
    expect(buckets.add(Int32Array.of(-1), Int32Array.of(3), Float64Array.of(1), 1)).toBe(false);
    expect(buckets.count).toBe(0);
    expect(buckets.add(Int32Array.of(5), Int32Array.of(0xffff), Float64Array.of(1), 1)).toBe(true);
    expect(buckets.count).toBe(1);
  });
});
