import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { openTimeline } from "../../../src-main/engine/columns/index.ts";
import { loadProp, readMeta, saveProp } from "../../../src-main/engine/columns/prop-store.ts";
import {
  chunksOfShare,
  planSharedProp,
  readShare,
  type SharedChunk,
  sharedColumn,
} from "../../../src-main/engine/columns/shared-prop.ts";
import { valuesSaved } from "../../../src-main/engine/columns/sparse-store.ts";
import type { PropColumn } from "../../../src-main/engine/columns/types.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { WorkerPool } from "../../../src-main/engine/pool.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Query } from "../../../src-preload/contract/query-kinds.ts";
import { type JourneyEvent, type Journeys, journeys } from "../../helpers/journeys.ts";
import { twoWorkers } from "../../helpers/pool.ts";
import { plainColumn, priced } from "../../helpers/priced.ts";

// The query workers read a saved event property column a share of its chunks each into memory they
// share (columns/shared-prop.ts), instead of a whole copy each: the column must come back as the
// one-reader load gives it, whatever the chunk size and number of readers; a missing chunk or a
// column saved again for other events must fail the read (the workers then load their own); and
// the pool's answers stay the in-process engine's.

let j: Journeys | undefined;
let pool: WorkerPool | undefined;
afterEach(async () => {
  await pool?.reset();
  pool = undefined;
  j?.close();
  j = undefined;
});

describe("a property column shared by the query workers", () => {
  it("reads back as the one-reader load at any chunk size and number of readers", () => {
    j = priced();
    const db = j.ws.db;
    const tl = openTimeline(db);
    const cols = { price: tl.propColumn("price"), plan: tl.propColumn("plan") };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.constantFrom("price", "plan" as const),
        fc.integer({ min: 1, max: 4 }),
        (k, name, of) => {
          saveProp(db, "event", name, "s1", cols[name], 8 * k);
          const plan = planSharedProp(db, name, "s1");
          if (!plan) throw new Error("no plan for a saved column");
          for (let share = 0; share < of; share++) expect(readShare(db, plan, share, of)).toBe(true);
          expect(plainColumn(sharedColumn(plan))).toEqual(
            plainColumn(loadProp(db, "event", name, "s1") as PropColumn),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it("is planned only for a column saved against the timeline asked for", () => {
    j = priced();
    const db = j.ws.db;
    saveProp(db, "event", "price", "s1", openTimeline(db).propColumn("price"), 64);
    expect(planSharedProp(db, "price", "s2")).toBeNull();
    expect(planSharedProp(db, "nothing", "s1")).toBeNull();
  });

  it("fails a read when a chunk went missing or the column was saved again meanwhile", () => {
    j = priced();
    const db = j.ws.db;
    const price = openTimeline(db).propColumn("price");
    saveProp(db, "event", "price", "s1", price, 64);
    const gone = planSharedProp(db, "price", "s1");
    db.prepare("DELETE FROM engine_columns WHERE name = 'eventprop.num#1.price'").run();
    expect(gone && readShare(db, gone, 0, 1)).toBe(false);
    saveProp(db, "event", "price", "s1", price, 64);
    const moved = planSharedProp(db, "price", "s1");
    saveProp(db, "event", "price", "s2", price, 64);
    expect(moved && readShare(db, moved, 0, 2)).toBe(false);
  });

  it("splits the chunks into consecutive shares, each chunk in exactly one", () => {
    const chunks = fc
      .array(fc.integer({ min: 1, max: 50 }), { maxLength: 30 })
      .map((sizes) => sizes.map((size, i): SharedChunk => ({ part: "num", row: `r${i}`, at: 0, size })));
    fc.assert(
      fc.property(chunks, fc.integer({ min: 1, max: 5 }), (cs, of) => {
        const shares = Array.from({ length: of }, (_, s) => chunksOfShare(cs, s, of));
        expect(shares.flat()).toEqual(cs);
        // about equal bytes: a share holds at most its part of the total and one chunk more
        const total = cs.reduce((sum, c) => sum + c.size, 0);
        const biggest = Math.max(0, ...cs.map((c) => c.size));
        for (const share of shares)
          expect(share.reduce((sum, c) => sum + c.size, 0)).toBeLessThanOrEqual(total / of + biggest);
      }),
      { numRuns: 200 },
    );
  });

  it("is read once for queries that ask for it at once, and not for a query cancelled before", async () => {
    j = priced();
    openTimeline(j.ws.db, { save: true }).propColumn("price");
    const local = new InProcessEngine(j.ws.db);
    pool = new WorkerPool(twoWorkers(j.ws, false));
    const range = { from: "2024-06-01", to: "2024-06-30" };
    const revenue = (interval: string) =>
      parseOrThrow(Query, { kind: "revenue", event: { event: "buy" }, property: "price", range, interval });
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(pool.run(revenue("month"), cancelled.signal)).rejects.toMatchObject({ code: "cancelled" });
    expect(pool.columnsShared).toBe(0);
    const [week, day] = await Promise.all([pool.run(revenue("week")), pool.run(revenue("day"))]);
    expect(week).toEqual(await local.run(revenue("week")));
    expect(day).toEqual(await local.run(revenue("day")));
    expect(pool.columnsShared).toBe(1);
  });

  it("is shared with the workers that lack it when one read it for a query it ran whole", async () => {
    j = priced();
    openTimeline(j.ws.db, { save: true }).propColumn("price");
    const local = new InProcessEngine(j.ws.db);
    pool = new WorkerPool(twoWorkers(j.ws, false));
    const members = parseOrThrow(Query, {
      kind: "segmentMembers",
      segment: { performed: { event: "buy", where: [{ property: "price", op: "gt", value: 9 }] } },
    });
    // runs whole, in one worker, which reads the column for itself
    expect(await pool.run(members)).toEqual(await local.run(members));
    expect(pool.columnsShared).toBe(0);
    const revenue = parseOrThrow(Query, {
      kind: "revenue",
      event: { event: "buy" },
      property: "price",
      range: { from: "2024-06-01", to: "2024-06-30" },
    });
    expect(await pool.run(revenue)).toEqual(await local.run(revenue));
    expect(pool.columnsShared).toBe(1);
    // now every worker holds it
    expect(await pool.run(revenue)).toEqual(await local.run(revenue));
    expect(pool.columnsShared).toBe(1);
  });

  it("gives revenue's values to one worker to take and save, the others reading them saved", async () => {
    j = priced();
    // the column saved, its values not (price is on half the events: not rare enough to go with it)
    openTimeline(j.ws.db, { save: true }).propColumn("price");
    const stamp = openTimeline(j.ws.db).stamp;
    expect(valuesSaved(j.ws.db, "price", stamp)).toBe(false);
    const range = { from: "2024-06-01", to: "2024-06-30" };
    const revenue = parseOrThrow(Query, {
      kind: "revenue",
      event: { event: "buy" },
      property: "price",
      range,
    });
    const rfm = parseOrThrow(Query, { kind: "rfm", event: { event: "buy" }, monetary: "price", range });
    // workers that cannot save: each takes the values for itself, as before
    const readOnly = new WorkerPool(twoWorkers(j.ws, false));
    let unsaved: unknown;
    try {
      unsaved = await readOnly.run(revenue);
      expect(readOnly.valuesSavedFirst).toBe(0);
      expect(valuesSaved(j.ws.db, "price", stamp)).toBe(false);
    } finally {
      await readOnly.reset();
    }
    pool = new WorkerPool(twoWorkers(j.ws, true));
    const first = await pool.run(revenue);
    expect(pool.valuesSavedFirst).toBe(1);
    expect(valuesSaved(j.ws.db, "price", stamp)).toBe(true);
    // saved now: neither the column nor the values are taken again
    const scored = await pool.run(rfm);
    expect(pool.valuesSavedFirst).toBe(1);
    expect(pool.columnsShared).toBe(1);
    // the answers one thread gives (which would have saved the values itself: asked last)
    const local = new InProcessEngine(j.ws.db);
    expect(first).toEqual(await local.run(revenue));
    expect(unsaved).toEqual(first);
    expect(scored).toEqual(await local.run(rfm));
  });

  it("is not read for revenue or rfm once the property's values are saved, unless a filter reads it", async () => {
    j = priced();
    const tl = openTimeline(j.ws.db, { save: true });
    tl.propColumn("price");
    tl.propValues("price");
    const local = new InProcessEngine(j.ws.db);
    pool = new WorkerPool(twoWorkers(j.ws, false));
    const range = { from: "2024-06-01", to: "2024-06-30" };
    const valuesOnly = [
      { kind: "revenue", event: { event: "buy" }, property: "price", range, interval: "week" },
      { kind: "rfm", event: { event: "buy" }, monetary: "price", range },
    ].map((q) => parseOrThrow(Query, q));
    for (const q of valuesOnly) expect(await pool.run(q)).toEqual(await local.run(q));
    expect(pool.columnsShared).toBe(0);
    const filtered = parseOrThrow(Query, {
      kind: "revenue",
      event: { event: "buy", where: [{ property: "price", op: "gt", value: 9 }] },
      property: "price",
      range,
    });
    expect(await pool.run(filtered)).toEqual(await local.run(filtered));
    expect(pool.columnsShared).toBe(1);
  });

  it("is built by one worker when not saved, the others adopting the memory it was built in", async () => {
    j = priced();
    const range = { from: "2024-06-01", to: "2024-06-30" };
    const funnel = parseOrThrow(Query, {
      kind: "funnel",
      steps: [{ event: "view" }, { event: "buy" }],
      range,
      breakdown: { property: "plan" },
    });
    const revenue = parseOrThrow(Query, {
      kind: "revenue",
      event: { event: "buy" },
      property: "price",
      range,
    });
    // workers that cannot save: nothing is saved, and still only one of them builds each column
    pool = new WorkerPool(twoWorkers(j.ws, false));
    const unsaved = [await pool.run(funnel), await pool.run(revenue)];
    expect(pool.columnsShared).toBe(2);
    // each column read out of the events' JSON once, not by each worker
    expect(await pool.columnsBuiltFromEvents()).toBe(2);
    expect(readMeta(j.ws.db, "event", "plan")).toBeNull();
    await pool.reset();
    // workers that may: the builder saves the columns, and one saves revenue's values
    pool = new WorkerPool(twoWorkers(j.ws, true));
    const saved = [await pool.run(funnel), await pool.run(revenue)];
    expect(pool.columnsShared).toBe(2);
    expect(pool.valuesSavedFirst).toBe(1);
    const stamp = openTimeline(j.ws.db).stamp;
    expect(readMeta(j.ws.db, "event", "plan")?.stamp).toBe(stamp);
    expect(valuesSaved(j.ws.db, "price", stamp)).toBe(true);
    const local = new InProcessEngine(j.ws.db);
    const expected = [await local.run(funnel), await local.run(revenue)];
    expect(unsaved).toEqual(expected);
    expect(saved).toEqual(expected);
  });

  it("of a rare property saved as its values, is made by one worker from them and adopted by the others", async () => {
    const spec: Record<string, JourneyEvent[]> = {};
    for (let i = 0; i < 40; i++)
      spec[`u${i}`] = [
        ["view", "2024-06-01T10:00Z", {}],
        ["view", "2024-06-02T10:00Z", {}],
        ["view", "2024-06-03T10:00Z", {}],
        ["buy", "2024-06-06T10:00Z", i % 2 ? { price: i } : {}],
      ];
    j = journeys(spec);
    const tl = openTimeline(j.ws.db, { save: true });
    tl.propColumn("price");
    expect(readMeta(j.ws.db, "event", "price")).toBeNull();
    expect(valuesSaved(j.ws.db, "price", tl.stamp)).toBe(true);
    // the events' JSON gone: the column can only come from the saved values
    j.ws.db.prepare("UPDATE events SET properties = NULL").run();
    const funnel = parseOrThrow(Query, {
      kind: "funnel",
      steps: [{ event: "view" }, { event: "buy", where: [{ property: "price", op: "gt", value: 9 }] }],
      range: { from: "2024-06-01", to: "2024-06-30" },
    });
    pool = new WorkerPool(twoWorkers(j.ws, false));
    const answer = await pool.run(funnel);
    expect(pool.columnsShared).toBe(1);
    expect(answer).toEqual(await new InProcessEngine(j.ws.db).run(funnel));
  });

  it("answers split queries as one thread does, each column read once into shared memory", async () => {
    j = priced();
    // saved as the app saves them after a first query
    const tl = openTimeline(j.ws.db, { save: true });
    tl.propColumn("price");
    tl.propColumn("plan");
    const local = new InProcessEngine(j.ws.db);
    pool = new WorkerPool(twoWorkers(j.ws, false));
    const range = { from: "2024-06-01", to: "2024-06-30" };
    const queries = [
      { kind: "revenue", event: { event: "buy" }, property: "price", range, interval: "week" },
      {
        kind: "funnel",
        steps: [{ event: "view" }, { event: "buy" }],
        range,
        breakdown: { property: "plan" },
      },
      // a second query on the columns the workers hold reads nothing again
      {
        kind: "segmentCount",
        segment: { performed: { event: "buy", where: [{ property: "price", op: "gt", value: 9 }] } },
      },
    ].map((q) => parseOrThrow(Query, q));
    for (const q of queries) expect(await pool.run(q)).toEqual(await local.run(q));
    expect(pool.columnsShared).toBe(2);
  });
});
