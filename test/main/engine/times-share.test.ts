import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { buildArrays } from "../../../src-main/engine/columns/build.ts";
import {
  type ColumnPart,
  joinParts,
  loadColumns,
  loadPart,
  OPEN_PARTS,
} from "../../../src-main/engine/columns/load.ts";
import { writeColumns } from "../../../src-main/engine/columns/save.ts";
import { savedMeta, savedMetaAsKnown } from "../../../src-main/engine/columns/saved-layout.ts";
import {
  planTimes,
  rangesCover,
  shareOf,
  type TimesPlan,
} from "../../../src-main/engine/columns/times-share.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { WorkerPool } from "../../../src-main/engine/pool.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { twoWorkers } from "../../helpers/pool.ts";

// The query workers decode the saved times a share each into one shared array (times-share.ts):
// wherever the cut falls, the joined timeline must be the one a single reader loads, a share planned
// from another state or layout must be refused, and a join must need every chunk exactly once.

let j: Journeys | undefined;
let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.reset();
  pool = undefined;
  j?.close();
  j = undefined;
});

const NAMES = ["userOffsets", "eventCodes", "times", "seqs", "userIds", "createdAt"] as const;

/** A workspace whose saved columns are in chunks of 64 bytes (12 events of times a chunk). */
function chunked(): Journeys {
  const spec: Record<string, [string, string][]> = {};
  for (let i = 0; i < 40; i++) {
    const evs: [string, string][] = [["signup", `2024-06-0${1 + (i % 7)}T10:0${i % 10}Z`]];
    for (let k = 0; k < i % 6; k++) evs.push([k % 2 ? "buy" : "view", `2024-06-1${k}T0${k}:${10 + i}Z`]);
    spec[`u${i}`] = evs;
  }
  const made = journeys(spec);
  writeColumns(made.ws.db, buildArrays(made.ws.db), { chunkBytes: 64 });
  return made;
}

/** The parts two workers read for `plan`, the times left to the shared array. */
function sharedParts(db: Journeys["ws"]["db"], plan: TimesPlan): (ColumnPart | null)[] {
  return OPEN_PARTS.map((names, reader) =>
    loadPart(
      db,
      names.filter((n) => n !== "times"),
      true,
      [],
      undefined,
      shareOf(plan, reader),
    ),
  );
}

const plain = (a: Record<(typeof NAMES)[number], ArrayLike<number>>) =>
  Object.fromEntries(NAMES.map((n) => [n, Array.from(a[n])]));

describe("the times shared by two readers", () => {
  it("join into the timeline one reader loads, wherever the cut falls", () => {
    j = chunked();
    const db = j.ws.db;
    const planned = planTimes(db, []);
    if (!planned) throw new Error("no plan for chunked times");
    const whole = loadColumns(db);
    if (!whole) throw new Error("not loaded");
    fc.assert(
      fc.property(fc.nat(planned.sizes.length), (cut) => {
        const plan = { ...planned, cut, buffer: new SharedArrayBuffer(planned.buffer.byteLength) };
        const parts = sharedParts(db, plan);
        const read = parts.map((p) => p?.timesRead ?? { from: -1, to: -1 });
        expect(rangesCover(read, plan.sizes.length)).toBe(true);
        const first = parts[0];
        if (!first) throw new Error("not read");
        const times = {
          stamp: plan.stamp,
          eventNames: first.eventNames,
          arrays: { times: new Float64Array(plan.buffer) },
        };
        const joined = joinParts([...parts, times]);
        if (!joined) throw new Error("not joined");
        expect(plain(joined)).toEqual(plain(whole));
      }),
      { numRuns: 30 },
    );
  });

  it("cut where the first reader's times weigh about half of what both read", () => {
    j = chunked();
    const plan = planTimes(j.ws.db, []);
    if (!plan) throw new Error("no plan");
    const a = buildArrays(j.ws.db);
    const total =
      a.times.length * 8 +
      (a.userOffsets.length + a.seqs.length + a.userIds.length) * 4 +
      a.eventCodes.length * 2 +
      a.createdAt.length * 8;
    const eventsBefore = plan.sizes.slice(0, plan.cut).reduce((n, s) => n + s / 5, 0);
    const chunk = (plan.sizes[0] ?? 0) / 5;
    expect(eventsBefore * 8).toBeLessThanOrEqual(total / 2);
    expect((eventsBefore + chunk) * 8).toBeGreaterThan(Math.min(total / 2, a.times.length * 8 - 1));
  });

  it("refuse a share of another state or layout, and a join missing or repeating a chunk", () => {
    j = chunked();
    const db = j.ws.db;
    const plan = planTimes(db, []);
    if (!plan) throw new Error("no plan");
    const times = (p: TimesPlan) => loadPart(db, [], true, [], undefined, shareOf(p, 0));
    expect(times({ ...plan, stamp: `${plan.stamp}x` })).toBeNull();
    expect(times({ ...plan, sizes: [...plan.sizes, 5] })).toBeNull();
    expect(times({ ...plan, buffer: new SharedArrayBuffer(8) })).toBeNull();
    expect(rangesCover([{ from: 0, to: 2 }], 3)).toBe(false);
    expect(
      rangesCover(
        [
          { from: 0, to: 2 },
          { from: 1, to: 3 },
        ],
        3,
      ),
    ).toBe(false);
    expect(
      rangesCover(
        [
          { from: 2, to: 3 },
          { from: 0, to: 2 },
        ],
        3,
      ),
    ).toBe(true);
    // times in one chunk, or saved before the narrow form: no plan, one reader reads them
    writeColumns(db, buildArrays(db), { narrow: false, chunkBytes: 64 });
    expect(planTimes(db, [])).toBeNull();
  });

  it("read the layout the plan carries while the saved stamp is its, else the workspace's own", () => {
    j = chunked();
    const db = j.ws.db;
    const plan = planTimes(db, []);
    if (!plan) throw new Error("no plan");
    // the same object: no second visit of every row
    expect(savedMetaAsKnown(db, plan.meta)).toBe(plan.meta);
    // a layout of another state is not used: the workspace's is read, and the share (of this
    // state) is read with it
    const other = { ...plan.meta, stamp: "another state", saved: new Map() };
    expect(savedMetaAsKnown(db, other)).toEqual(savedMeta(db));
    expect(loadPart(db, [], true, [], undefined, { ...shareOf(plan, 0), meta: other })).not.toBeNull();
    // a meta row of another version vouches for nothing, though its stamp is the plan's
    db.prepare("UPDATE engine_columns SET version = version + 1 WHERE name = 'timeline.meta'").run();
    expect(savedMetaAsKnown(db, plan.meta)).toBeNull();
  });

  it("read the workspace's own layout when the columns were saved again, cut otherwise, under one stamp", () => {
    j = chunked();
    const db = j.ws.db;
    const plan = planTimes(db, []);
    if (!plan) throw new Error("no plan");
    const whole = loadColumns(db);
    if (!whole) throw new Error("not loaded");
    // same events, same stamp, chunks of another size: the plan's layout names rows that are gone
    writeColumns(db, buildArrays(db), { chunkBytes: 128 });
    expect(savedMeta(db)?.stamp).toBe(plan.meta.stamp);
    // the shared times are refused (their chunks are not the plan's), nothing throws
    expect(loadPart(db, ["times"], true, [], undefined, shareOf(plan, 0))).toBeNull();
    // a part read with the stale layout as `known`: the rows are read as they are now
    const rest = OPEN_PARTS[1] ?? [];
    const part = loadPart(db, rest, false, [], undefined, undefined, plan.meta);
    const times = loadPart(db, ["times"], false, [], undefined, undefined, plan.meta);
    const joined = joinParts([part, times]);
    if (!joined) throw new Error("not joined");
    expect(plain(joined)).toEqual(plain(whole));
    // and lazy arrays alone (nothing read at the open to notice), read on first access by the
    // layout of that moment
    const lazy = loadPart(
      db,
      ["seqs", "userIds"],
      false,
      ["seqs", "userIds"],
      undefined,
      undefined,
      plan.meta,
    );
    expect(Array.from(lazy?.arrays.seqs ?? [])).toEqual(Array.from(whole.seqs));
  });

  it("open the pool's workers in parts, with the answers of one thread", async () => {
    j = chunked();
    const ws = j.ws;
    pool = new WorkerPool({ ...twoWorkers(ws, false), planTimes: (later) => planTimes(ws.db, later) });
    const queries = [
      { kind: "segmentCount", segment: { performed: { event: "buy" } } },
      {
        kind: "funnel",
        steps: [{ event: "signup" }, { event: "buy" }],
        range: { from: "2024-06-01", to: "2024-06-30" },
      },
    ].map((q) => parseOrThrow(Query, q));
    const local = new InProcessEngine(ws.db);
    for (const q of queries) expect(await pool.run(q)).toEqual(await local.run(q));
    expect(pool.opened).toBe("in parts");
  });

  it("open the workers whole when the plan is of another state", async () => {
    j = chunked();
    const ws = j.ws;
    pool = new WorkerPool({
      ...twoWorkers(ws, false),
      planTimes: (later) => {
        const plan = planTimes(ws.db, later);
        return plan && { ...plan, stamp: "another state" };
      },
    });
    const q = parseOrThrow(Query, { kind: "segmentCount", segment: { performed: { event: "view" } } });
    expect(await pool.run(q)).toEqual(await new InProcessEngine(ws.db).run(q));
    expect(pool.opened).toBe("whole");
  });
});
