import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupByUser } from "../../../src-main/engine/columns/build.ts";

// The timeline's order, (user, time, seq), against the obvious way: sort every row at once.
describe("groupByUser", () => {
  it.each([false, true])(
    "orders each user's events by time with seq breaking ties, for short and long runs (consume %s)",
    (consume) => {
      const event = fc.tuple(fc.nat({ max: 4 }), fc.nat({ max: 9 }), fc.integer({ min: 0, max: 40 }));
      fc.assert(
        fc.property(fc.array(event, { maxLength: 300 }), fc.nat({ max: 299 }), (rows, cut) => {
          const n = rows.length;
          const uids = Int32Array.from(rows, (r) => r[0] + 1);
          const eids = Int32Array.from(rows, (r) => r[1]);
          // few distinct times: many ties for seq to break
          const times = Float64Array.from(rows, (r) => r[2] * 1000);
          // user ids 1..5 at indexes 4..0: id order is not index order
          const indexOfId = Int32Array.from([-1, 4, 3, 2, 1, 0]);
          const at = Math.min(cut, n);
          // consumed chunks own their arrays (slices), as the import's batches do
          const part = consume
            ? <T extends Int32Array | Float64Array>(a: T, s: number, e?: number) => a.slice(s, e) as T
            : <T extends Int32Array | Float64Array>(a: T, s: number, e?: number) => a.subarray(s, e) as T;
          const chunks = [
            { n: at, uids: part(uids, 0, at), eids: part(eids, 0, at), times: part(times, 0, at) },
            { n: n - at, uids: part(uids, at), eids: part(eids, at), times: part(times, at) },
          ];
          const got = groupByUser(indexOfId, 5, chunks, 7, consume);
          // consumed: every chunk's memory is gone; else every chunk is as it was
          for (const c of chunks)
            expect([c.uids.length, c.eids.length, c.times.length]).toEqual(
              consume ? [0, 0, 0] : [c.n, c.n, c.n],
            );
          const want = rows
            .map((r, i) => ({ ui: indexOfId[r[0] + 1] as number, e: r[1], t: r[2] * 1000, seq: 7 + i }))
            .sort((x, y) => x.ui - y.ui || x.t - y.t || x.seq - y.seq);
          expect(Array.from(got.eventCodes)).toEqual(want.map((w) => w.e));
          expect(Array.from(got.times)).toEqual(want.map((w) => w.t));
          expect(Array.from(got.seqs)).toEqual(want.map((w) => w.seq));
          for (let u = 0; u < 5; u++)
            expect((got.userOffsets[u + 1] as number) - (got.userOffsets[u] as number)).toBe(
              want.filter((w) => w.ui === u).length,
            );
        }),
        { numRuns: 500 },
      );
    },
  );
});
