import { afterEach, describe, expect, it } from "vitest";
import { buildArrays, type TimelineArrays } from "../../../src-main/engine/columns/build.ts";
import {
  type ColumnPart,
  joinCore,
  joinParts,
  loadColumns,
  loadPart,
  OPEN_PARTS,
  ownArrays,
  RARELY,
  withRarely,
} from "../../../src-main/engine/columns/load.ts";
import { writeColumns } from "../../../src-main/engine/columns/save.ts";
import { createEngine, InProcessEngine } from "../../../src-main/engine/index.ts";
import { WorkerPool } from "../../../src-main/engine/pool.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { twoWorkers } from "../../helpers/pool.ts";

// The app's query workers read the saved columns a part each (load.ts OPEN_PARTS) and share the
// joined timeline: it must be the timeline one reader gets, and anything that is not one whole,
// current, checked timeline must be refused (the first worker then opens it whole).

let j: Journeys | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
});

const NAMES = ["userOffsets", "eventCodes", "times", "seqs", "userIds", "createdAt"] as const;

function saved(): Journeys {
  const spec: Record<string, [string, string][]> = {};
  for (let i = 0; i < 60; i++) {
    const evs: [string, string][] = [["signup", `2024-06-0${1 + (i % 7)}T10:00Z`]];
    for (let k = 0; k < i % 5; k++) evs.push([k % 2 ? "buy" : "view", `2024-06-1${k}T0${k}:00Z`]);
    spec[`u${i}`] = evs;
  }
  const made = journeys(spec);
  writeColumns(made.ws.db, buildArrays(made.ws.db));
  return made;
}

function plain(a: TimelineArrays): Record<string, number[]> {
  return Object.fromEntries(NAMES.map((n) => [n, Array.from(a[n])]));
}

function parts(db: Journeys["ws"]["db"]): (ColumnPart | null)[] {
  return OPEN_PARTS.map((names) => loadPart(db, names, true));
}

describe("the saved columns read in parts", () => {
  it("join into the timeline one reader loads, each array held by one part", () => {
    j = saved();
    const db = j.ws.db;
    const joined = joinParts(parts(db));
    const whole = loadColumns(db);
    if (!joined || !whole) throw new Error("not loaded");
    expect(plain(joined)).toEqual(plain(whole));
    expect(plain(joined)).toEqual(plain(buildArrays(db)));
    expect(joined.eventNames).toEqual(whole.eventNames);
    expect(joined.times.buffer).toBeInstanceOf(SharedArrayBuffer);
    // every array in exactly one part
    expect([...OPEN_PARTS.flat()].sort()).toEqual([...NAMES].sort());
  });

  it("are refused when a part is missing, stale, of another state, or held twice", () => {
    j = saved();
    const [times, rest] = parts(j.ws.db);
    if (!times || !rest) throw new Error("not loaded");
    expect(joinParts([times])).toBeNull();
    expect(joinParts([times, null])).toBeNull();
    expect(joinParts([times, rest, rest])).toBeNull();
    expect(joinParts([times, { ...rest, stamp: `${rest.stamp}x` }])).toBeNull();
    expect(joinParts([times, { ...rest, eventNames: [...rest.eventNames, "other"] }])).toBeNull();
    const short = { ...times, arrays: { times: times.arrays.times?.subarray(1) } };
    expect(joinParts([short, rest])).toBeNull();
    expect(loadPart(j.ws.db, OPEN_PARTS[0] ?? [], true, [], "another state")).toBeNull();
  });

  it("check the offsets against the codes in the part that reads both, and never read one alone", () => {
    j = saved();
    const db = j.ws.db;
    const a = buildArrays(db);
    a.eventCodes[2] = a.eventNames.length;
    writeColumns(db, a);
    expect(loadPart(db, OPEN_PARTS[1] ?? [], true)).toBeNull();
    expect(() => loadPart(db, ["userOffsets", "times"])).toThrow(/together/);
  });

  it("read a lazy array only while the saved columns are those the open read", () => {
    j = saved();
    const db = j.ws.db;
    const lazy = loadColumns(db, false, true);
    if (!lazy) throw new Error("not loaded");
    db.prepare("DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)").run();
    writeColumns(db, buildArrays(db));
    // rows of the new state would be read against the old offsets
    expect(() => lazy.seqs).toThrow(/changed while the query ran/);
  });

  it("keep the one-shot reader's rarely read arrays lazy", () => {
    j = saved();
    const lazy = loadColumns(j.ws.db, false, true);
    if (!lazy) throw new Error("not loaded");
    expect(Object.getOwnPropertyDescriptor(lazy, "seqs")?.get).toBeTypeOf("function");
    expect(Object.getOwnPropertyDescriptor(lazy, "times")?.value).toBeInstanceOf(Float64Array);
    expect(Array.from(lazy.seqs)).toEqual(Array.from(buildArrays(j.ws.db).seqs));
  });
});

describe("the parts read without the rarely read arrays", () => {
  function lazyParts(db: Journeys["ws"]["db"]): (ColumnPart | null)[] {
    return OPEN_PARTS.map((names) => {
      const part = loadPart(db, names, true, RARELY);
      return part && ownArrays(part);
    });
  }

  it("hold no getter to post, join without those arrays, and complete in each reader", () => {
    j = saved();
    const db = j.ws.db;
    const posted = lazyParts(db);
    for (const part of posted)
      for (const property of Object.values(Object.getOwnPropertyDescriptors(part?.arrays ?? {})))
        expect(property.get).toBeUndefined();
    // the whole join refuses what the core join takes
    expect(joinParts(posted)).toBeNull();
    const core = joinCore(posted);
    if (!core) throw new Error("not joined");
    for (const name of RARELY) expect(Object.hasOwn(core, name)).toBe(false);
    const whole = withRarely(db, core);
    if (!whole) throw new Error("not completed");
    expect(Object.getOwnPropertyDescriptor(whole, "seqs")?.get).toBeTypeOf("function");
    expect(plain(whole)).toEqual(plain(buildArrays(db)));
  });

  it("are not completed from columns saved since", () => {
    j = saved();
    const db = j.ws.db;
    const core = joinCore(lazyParts(db));
    if (!core) throw new Error("not joined");
    db.prepare("DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)").run();
    // stale: the saved columns no longer match the events
    expect(withRarely(db, core)).toBeNull();
    // saved again: of another state than the core
    writeColumns(db, buildArrays(db));
    expect(withRarely(db, core)).toBeNull();
  });
});

describe("the app's query workers", () => {
  const QUERIES = [
    { kind: "segmentCount", segment: { performed: { event: "buy" } } },
    {
      kind: "funnel",
      steps: [{ event: "signup" }, { event: "view" }, { event: "buy" }],
      range: { from: "2024-06-01", to: "2024-06-30" },
    },
    { kind: "activityHeatmap", range: { from: "2024-06-01", to: "2024-06-30" } },
  ].map((q) => parseOrThrow(Query, q));

  /** Two workers answer every query as the in-process engine, having read the timeline `how`. */
  async function answerAsLocal(ws: Journeys["ws"], how: WorkerPool["opened"], lazy = false): Promise<void> {
    const pool = new WorkerPool({ ...twoWorkers(ws, false), lazy });
    const local = new InProcessEngine(ws.db);
    try {
      for (const q of QUERIES) expect(await pool.run(q)).toEqual(await local.run(q));
      // members read the users' ids, one of the arrays a lazy pool's workers load for themselves
      const segment = { performed: { event: "view" } };
      expect(Array.from(await pool.memberIds(segment))).toEqual(Array.from(await local.memberIds(segment)));
      expect(pool.opened).toBe(how);
    } finally {
      await pool.reset();
    }
  }

  it("read saved columns in parts and answer as the in-process engine", async () => {
    j = saved();
    await answerAsLocal(j.ws, "in parts");
  });

  it("read the parts without the rarely read arrays when lazy, and answer alike", async () => {
    j = saved();
    await answerAsLocal(j.ws, "in parts", true);
  });

  it("when lazy, refuse a query that would read columns rewritten since the open", async () => {
    const spec: Record<string, [string, string, Record<string, string>][]> = {};
    for (let i = 0; i < 30; i++)
      spec[`u${i}`] = [["signup", `2024-06-0${1 + (i % 7)}T10:00Z`, { plan: `p${i % 3}` }]];
    j = journeys(spec);
    writeColumns(j.ws.db, buildArrays(j.ws.db));
    const pool = new WorkerPool({ ...twoWorkers(j.ws, false), lazy: true });
    try {
      const [first] = QUERIES;
      if (first) await pool.run(first);
      j.ws.db.prepare("DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)").run();
      writeColumns(j.ws.db, buildArrays(j.ws.db));
      // a property's column is placed by the events' seqs, which the workers read only now
      const byProperty = parseOrThrow(Query, {
        kind: "segmentCount",
        segment: { performed: { event: "signup", where: [{ property: "plan", op: "isSet" }] } },
      });
      await expect(pool.run(byProperty)).rejects.toMatchObject({ code: "cancelled" });
    } finally {
      await pool.reset();
    }
  });

  it("open whole, and build, when no columns are saved", async () => {
    j = saved();
    j.ws.db.prepare("DELETE FROM engine_columns").run();
    await answerAsLocal(j.ws, "whole");
    // and the app's engine over the same workspace still answers after a reset
    const local = new InProcessEngine(j.ws.db);
    const engine = createEngine(j.ws, { workers: 2 });
    try {
      const [first] = QUERIES;
      if (first) expect(await engine.run(first)).toEqual(await local.run(first));
    } finally {
      await engine.close();
    }
  });
});
