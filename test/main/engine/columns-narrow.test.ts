import type Database from "better-sqlite3";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { buildArrays, type TimelineArrays } from "../../../src-main/engine/columns/build.ts";
import { loadColumns } from "../../../src-main/engine/columns/load.ts";
import { writeColumns } from "../../../src-main/engine/columns/save.ts";
import { InProcessEngine } from "../../../src-main/engine/index.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { ARRAY_NAMES, bytesOf, expectLoadsAsSaved, roomForIds } from "./saved-columns-helpers.ts";

// The times and the event codes are saved in narrower forms when they fit (whole milliseconds within
// 2^40 ms of the earliest; codes below 256) and widened again at the open. Whatever the values,
// what an open loads must be the very arrays that were saved, bit for bit, in either form.

let j: Journeys | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
});

function emptyWs(): Database.Database {
  j = journeys({ u0: [["a", "2024-06-01T00:00Z"]] });
  roomForIds(j.ws.db);
  return j.ws.db;
}

function rowCount(db: Database.Database, like: string): number {
  return Number(db.prepare("SELECT count(*) FROM engine_columns WHERE name LIKE ?").pluck().get(like));
}

/** A time as the tests want it: mostly whole ms near now, sometimes what no narrow form holds. */
const time = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 400 * 86_400_000 }).map((d) => 1.7e12 + d) },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 20), max: 2 ** 20 }) },
  { weight: 1, arbitrary: fc.constantFrom(-0, 0.5, 1.7e12 + 0.25, 1.7e12 + 2 ** 40, -1.7e12, 2 ** 53) },
);

const timeline = fc
  .record({
    perUser: fc.array(fc.array(fc.tuple(time, fc.integer({ min: 1, max: 300 })), { maxLength: 12 }), {
      minLength: 1,
      maxLength: 30,
    }),
    wideCodes: fc.boolean(),
  })
  .map(({ perUser, wideCodes }): TimelineArrays => {
    const times: number[] = [];
    const codes: number[] = [];
    const offsets = [0];
    for (const events of perUser) {
      for (const [t, c] of events) {
        times.push(t);
        codes.push(wideCodes ? c : 1 + (c % 255));
      }
      offsets.push(times.length);
    }
    const nNames = Math.max(1, ...codes) + 1;
    return {
      userOffsets: Int32Array.from(offsets),
      eventCodes: Uint16Array.from(codes),
      times: Float64Array.from(times),
      seqs: Int32Array.from(times, (_, i) => i + 1),
      userIds: Int32Array.from(perUser, (_, u) => u + 1),
      createdAt: Float64Array.from(perUser, (_, u) => (u % 3 === 0 ? Number.NaN : 1.6e12 + u)),
      eventNames: Array.from({ length: nNames }, (_, i) => (i === 0 ? "" : `e${i}`)),
      stamp: "synthetic",
    };
  });

/**
 * Whether the slow, obvious check says the times fit 40 bits of whole ms after the earliest. It is the
 * distance from the earliest that must be whole, not the time: times that share a fraction (one time of
 * 1.7e12 + 0.25 alone) fit, since the base keeps the fraction. No -0 fits (the base plus 0 is +0).
 */
function timesFit(times: Float64Array): boolean {
  const all = Array.from(times);
  if (all.length === 0) return true;
  const base = Math.min(...all);
  return all.every((t) => !Object.is(t, -0) && Number.isInteger(t - base) && t - base < 2 ** 40);
}

/** One user's events, all of the one event name "a", at `times`. */
function oneUser(times: Float64Array, createdAt: number): TimelineArrays {
  return {
    userOffsets: Int32Array.of(0, times.length),
    eventCodes: new Uint16Array(times.length).fill(1),
    times,
    seqs: Int32Array.from(times, (_, i) => i + 1),
    userIds: Int32Array.of(1),
    createdAt: Float64Array.of(createdAt),
    eventNames: ["", "a"],
    stamp: "synthetic",
  };
}

describe("the narrow saved forms", () => {
  it("load the saved arrays bit for bit, in whichever form each was saved, at any chunk size", () => {
    const db = emptyWs();
    fc.assert(
      fc.property(
        timeline,
        fc.constantFrom(8, 16, 24, 40, 104, 1024, undefined),
        fc.boolean(),
        (arrays, chunkBytes, shared) => {
          writeColumns(db, arrays, { chunkBytes });
          expect(rowCount(db, "timeline.times@i40#%") > 0).toBe(timesFit(arrays.times));
          expect(rowCount(db, "timeline.eventCodes@u8#%") > 0).toBe(arrays.eventCodes.every((c) => c < 256));
          expectLoadsAsSaved(db, arrays, shared);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("keep times that share a fraction of a millisecond narrow, the fraction in the base", () => {
    const db = emptyWs();
    const arrays = oneUser(Float64Array.of(1.7e12 + 0.25, 1.7e12 + 1000.25, 1.7e12 + 0.25), Number.NaN);
    writeColumns(db, arrays);
    expect(rowCount(db, "timeline.times@i40#%")).toBeGreaterThan(0);
    expectLoadsAsSaved(db, arrays, false);
  });

  it("refuse saved plain times holding a NaN (a damaged file), lazily read or not, so that they are rebuilt", () => {
    const db = emptyWs();
    const arrays = oneUser(Float64Array.of(1.7e12 + 0.5, 1.7e12 + 1000, 1.7e12 + 2000), 1.6e12);
    writeColumns(db, arrays);
    // a time half a millisecond off the others: no narrow form holds these, so they are saved plain
    expect(rowCount(db, "timeline.times#%")).toBeGreaterThan(0);
    expectLoadsAsSaved(db, arrays, false);
    writeColumns(db, { ...arrays, times: Float64Array.of(1.7e12 + 0.5, Number.NaN, 1.7e12 + 2000) });
    expect(rowCount(db, "timeline.times#%")).toBeGreaterThan(0);
    for (const lazy of [false, true]) expect(loadColumns(db, false, lazy, "synthetic")).toBeNull();
  });

  it("a time in the events that is not a number (a damaged file) is refused by name, in the build and in a query", async () => {
    j = journeys({ u0: [["a", "2024-06-01T00:00Z"]], u1: [["a", "2024-06-02T00:00Z"]] });
    const db = j.ws.db;
    const seq = Number(db.prepare("SELECT max(seq) FROM events").pluck().get());
    // the column is INTEGER, but a table that is not STRICT keeps the text it is given
    db.prepare("UPDATE events SET time = 'soon' WHERE seq = ?").run(seq);
    db.prepare("DELETE FROM engine_columns").run();
    const damaged = { code: "corrupt", message: expect.stringContaining(`event ${seq} has the time "soon"`) };
    expect(() => buildArrays(db)).toThrow(expect.objectContaining(damaged));
    const query = parseOrThrow(Query, { kind: "segmentCount", segment: { performed: { event: "a" } } });
    await expect(new InProcessEngine(db).run(query)).rejects.toMatchObject(damaged);
  });

  it("save 5 bytes a time and 1 a code instead of 8 and 2", () => {
    const db = emptyWs();
    const n = 100_000;
    const arrays: TimelineArrays = {
      userOffsets: Int32Array.of(0, n),
      eventCodes: Uint16Array.from({ length: n }, (_, i) => 1 + (i % 7)),
      times: Float64Array.from({ length: n }, (_, i) => 1.7e12 + i * 997),
      seqs: Int32Array.from({ length: n }, (_, i) => i + 1),
      userIds: Int32Array.of(1),
      createdAt: Float64Array.of(Number.NaN),
      eventNames: ["", "a", "b", "c", "d", "e", "f", "g"],
      stamp: "synthetic",
    };
    writeColumns(db, arrays);
    const saved = (like: string) =>
      Number(db.prepare("SELECT sum(length(data)) FROM engine_columns WHERE name LIKE ?").pluck().get(like));
    expect(saved("timeline.times@i40#%")).toBe(5 * n);
    expect(saved("timeline.eventCodes@u8#%")).toBe(n);
    expect(rowCount(db, "timeline.times#%") + rowCount(db, "timeline.eventCodes#%")).toBe(0);
  });

  it("a workspace saved before them (every array plain) opens with the same answers, and a rebuild saves them", async () => {
    j = journeys({
      u1: [
        ["signup", "2024-06-01T10:00:00.123Z"],
        ["buy", "2024-06-03T10:00Z"],
      ],
      u2: [
        ["signup", "2024-06-02T10:00Z"],
        ["view", "2024-06-02T11:00Z"],
        ["buy", "2024-07-30T23:59:59.999Z"],
      ],
      u3: [["view", "2024-05-01T00:00Z"]],
    });
    const db = j.ws.db;
    const queries = [
      parseOrThrow(Query, { kind: "segmentCount", segment: { performed: { event: "buy" } } }),
      parseOrThrow(Query, {
        kind: "funnel",
        steps: [{ event: "signup" }, { event: "buy" }],
        range: { from: "2024-05-01", to: "2024-08-31" },
      }),
    ];
    const built = buildArrays(db);
    writeColumns(db, built, { narrow: false });
    expect(rowCount(db, "timeline.%@%")).toBe(0);
    const old = loadColumns(db);
    for (const n of ARRAY_NAMES) expect(old && bytesOf(old[n]).equals(bytesOf(built[n]))).toBe(true);
    const answersOld: unknown[] = [];
    for (const q of queries) answersOld.push(await new InProcessEngine(db).run(q));

    writeColumns(db, buildArrays(db));
    expect(rowCount(db, "timeline.times@i40#%")).toBe(1);
    const answersNew: unknown[] = [];
    for (const q of queries) answersNew.push(await new InProcessEngine(db).run(q));
    expect(answersNew).toEqual(answersOld);
  });
});
