import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openTimeline } from "../../../src-main/engine/columns/index.ts";
import { readMeta } from "../../../src-main/engine/columns/prop-store.ts";
import { MAX_ROWS } from "../../../src-main/engine/columns/saved-layout.ts";
import {
  columnOfValues,
  firstValueFrom,
  mergeValues,
  sparseOf,
  valuesByCode,
} from "../../../src-main/engine/columns/sparse-prop.ts";
import { loadValues, saveValues, valuesSaved } from "../../../src-main/engine/columns/sparse-store.ts";
import { ArrayTimeline } from "../../../src-main/engine/columns/timeline.ts";
import type { PropColumn, SparseProp } from "../../../src-main/engine/columns/types.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { isQueryOf, Query } from "../../../src-preload/contract/query-kinds.ts";
import { type JourneyEvent, type Journeys, journeys } from "../../helpers/journeys.ts";
import { plainColumn, priced } from "../../helpers/priced.ts";

// An event property's values where events have one (columns/sparse-prop.ts, sparse-store.ts): what
// revenue and rfm read instead of the column as long as the events. They must be exactly the
// column's non-missing slots, come back from the workspace as saved at any chunk size, be refused
// when stale or malformed, and answer revenue and rfm as the column did.

let j: Journeys | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
});

const plain = (v: SparseProp) => ({
  at: Array.from(v.at),
  tag: Array.from(v.tag),
  num: Array.from(v.num),
  str: Array.from(v.str),
  dict: [...v.dict],
});

/** A column of random slots (missing, numbers, strings of a small dictionary, booleans) and event codes 1-3. */
const columns = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constant(null), fc.double({ noNaN: true }), fc.constantFrom("a", "b", "c"), fc.boolean()),
      fc.integer({ min: 1, max: 3 }),
    ),
    { maxLength: 80 },
  )
  .map((events) => {
    const slots = events.map(([s]) => s);
    const codes = Uint16Array.from(events.map(([, c]) => c));
    const dict = ["a", "b", "c"];
    const anyNumber = slots.some((s) => typeof s === "number" || typeof s === "boolean");
    const anyString = slots.some((s) => typeof s === "string");
    const tag = new Uint8Array(slots.length);
    const num = new Float64Array(anyNumber ? slots.length : 0);
    const str = new Int32Array(anyString ? slots.length : 0);
    slots.forEach((s, i) => {
      if (typeof s === "number") {
        tag[i] = 1;
        num[i] = s;
      } else if (typeof s === "string") {
        tag[i] = 2;
        str[i] = dict.indexOf(s);
      } else if (typeof s === "boolean") {
        tag[i] = 3;
        num[i] = s ? 1 : 0;
      }
    });
    const col: PropColumn = { tag, num, str, dict };
    return { slots, codes, col };
  });

/** Slot k of the values, decoded on its own: what the column's slot at[k] holds. */
function decoded(v: SparseProp, k: number): number | string | boolean | null {
  const t = v.tag[k];
  if (t === 1) return v.num[k] ?? null;
  if (t === 2) return v.dict[v.str[k] ?? -1] ?? null;
  if (t === 3) return v.num[k] === 1;
  return null;
}

describe("a property's values where events have one", () => {
  it("are the column's slots with a value, of one event code or all, in order, each as the column holds it", () => {
    fc.assert(
      fc.property(columns, fc.integer({ min: -2, max: 3 }), ({ slots, codes, col }, code) => {
        const v = sparseOf(col, codes, code);
        const want = slots.flatMap((s, i) =>
          s === null || (code >= 0 && codes[i] !== code) ? [] : [[i, s] as const],
        );
        expect(Array.from(v.at)).toEqual(want.map(([i]) => i));
        expect(Array.from(v.at, (_, k) => decoded(v, k))).toEqual(want.map(([, s]) => s));
        // an empty value part stays empty, else it is as long as the values
        expect(v.num.length).toBe(col.num.length === 0 ? 0 : v.at.length);
        expect(v.str.length).toBe(col.str.length === 0 ? 0 : v.at.length);
      }),
      { numRuns: 300 },
    );
  });

  it("by event code, merged back, are the values of every event", () => {
    fc.assert(
      fc.property(columns, ({ slots, codes, col }) => {
        const byCode = valuesByCode(col, codes);
        expect([...byCode.keys()]).toEqual(
          [...new Set(slots.flatMap((s, i) => (s === null ? [] : [codes[i]])))].sort(),
        );
        const merged = mergeValues([...byCode.values()].reverse(), col.dict);
        const all = sparseOf(col, codes);
        expect(Array.from(merged.at)).toEqual(Array.from(all.at));
        expect(Array.from(merged.at, (_, k) => decoded(merged, k))).toEqual(
          Array.from(all.at, (_, k) => decoded(all, k)),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("are found from any event by the first value at or after it", () => {
    const sorted = fc
      .uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 40 })
      .map((xs) => xs.sort((a, b) => a - b));
    fc.assert(
      fc.property(sorted, fc.integer({ min: -5, max: 210 }), (xs, pos) => {
        const at = Int32Array.from(xs);
        const want = xs.findIndex((x) => x >= pos);
        expect(firstValueFrom(at, pos)).toBe(want < 0 ? xs.length : want);
      }),
      { numRuns: 300 },
    );
  });

  it("come back from the workspace as saved at any chunk size; stale or malformed ones are refused", () => {
    j = priced();
    const db = j.ws.db;
    const tl = openTimeline(db);
    const codes = tl.eventCodes;
    const buy = tl.eventCode("buy");
    const view = tl.eventCode("view");
    const price = tl.propColumn("price");
    const plan = tl.propColumn("plan");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.constantFrom(price, plan), (k, col) => {
        saveValues(db, "x", "s1", valuesByCode(col, codes), col.dict, 8 * k);
        expect(valuesSaved(db, "x", "s1")).toBe(true);
        for (const code of [-1, buy, view]) {
          const back = loadValues(db, "x", "s1", codes, code);
          expect(back && plain(back)).toEqual(plain(sparseOf(col, codes, code)));
        }
      }),
      { numRuns: 40 },
    );
    expect(loadValues(db, "x", "s2", codes, buy)).toBeNull();
    expect(valuesSaved(db, "x", "s2")).toBe(false);
    const prices = sparseOf(price, codes, buy);
    const saved = (at: Int32Array) =>
      saveValues(db, "x", "s1", new Map([[buy, { ...prices, at }]]), price.dict);
    // positions not ascending, past the timeline's events, or of events of another name
    const swapped = Int32Array.from(prices.at);
    [swapped[0], swapped[1]] = [swapped[1] ?? 0, swapped[0] ?? 0];
    const past = Int32Array.from(prices.at, (p, k) => (k === prices.at.length - 1 ? codes.length : p));
    const aView = codes.indexOf(view);
    const other = Int32Array.from(prices.at, (p, k) => (k === 0 ? aView : p)).sort();
    for (const at of [swapped, past, other]) {
      saved(at);
      expect(loadValues(db, "x", "s1", codes, buy)).toBeNull();
      expect(loadValues(db, "x", "s1", codes)).toBeNull();
    }
    saved(prices.at);
    expect(loadValues(db, "x", "s1", codes, buy) && plain(prices)).toEqual(plain(prices));
  });

  it("with a meta naming more rows than a save writes are stale, not a save that names them all", () => {
    j = priced();
    const db = j.ws.db;
    const tl = openTimeline(db, { save: true });
    const buy = tl.eventCode("buy");
    const want = plain(tl.propValues("price", buy));
    expect(valuesSaved(db, "price", tl.stamp)).toBe(true);
    // each code's counts in bounds, but 4,096 codes of them: the next save named 2^34 rows before
    // deleting them (the process runs out of memory and aborts)
    const codes: Record<string, Record<string, number>> = {};
    for (let code = 0; code < 4096; code++)
      codes[String(code)] = { at: MAX_ROWS, tag: MAX_ROWS, num: MAX_ROWS, str: MAX_ROWS };
    const meta = { stamp: tl.stamp, dict: tl.propColumn("price").dict, codes };
    db.prepare("UPDATE engine_columns SET data = ? WHERE name = 'eventprop.s-meta.price'").run(
      Buffer.from(JSON.stringify(meta)),
    );
    expect(valuesSaved(db, "price", tl.stamp)).toBe(false);
    expect(loadValues(db, "price", tl.stamp, tl.eventCodes, buy)).toBeNull();
    // taken from the column again and saved over the forged meta
    // a hang, not a speed, is what fails here: by the test's timeout (vitest.config.mts)
    expect(plain(openTimeline(db, { save: true }).propValues("price", buy))).toEqual(want);
    expect(valuesSaved(db, "price", tl.stamp)).toBe(true);
  });

  it("by event code, make the column they were taken from again", () => {
    fc.assert(
      fc.property(columns, ({ codes, col }) => {
        const n = col.tag.length;
        const arrays = { tag: new Uint8Array(n), num: new Float64Array(n), str: new Int32Array(n) };
        const back = columnOfValues([...valuesByCode(col, codes).values()], col.dict, arrays);
        expect(plainColumn(back)).toEqual(plainColumn(col));
      }),
      { numRuns: 300 },
    );
  });

  it("of a rare property are saved instead of its column; a common one's when first asked for", () => {
    const spec: Record<string, JourneyEvent[]> = {};
    for (let i = 0; i < 40; i++)
      spec[`u${i}`] = [
        ["view", "2024-06-01T10:00Z", { plan: "free" }],
        ["view", "2024-06-02T10:00Z", { plan: "pro" }],
        ["view", "2024-06-03T10:00Z", {}],
        ["view", "2024-06-04T10:00Z", {}],
        ["view", "2024-06-05T10:00Z", {}],
        ["buy", "2024-06-06T10:00Z", i % 2 ? { price: i } : {}],
      ];
    j = journeys(spec);
    const db = j.ws.db;
    const tl = openTimeline(db, { save: true });
    // price: 20 of 240 events; plan: 80 of 240, over a quarter
    tl.propColumn("price");
    tl.propColumn("plan");
    expect(valuesSaved(db, "price", tl.stamp)).toBe(true);
    expect(valuesSaved(db, "plan", tl.stamp)).toBe(false);
    const planValues = tl.propValues("plan");
    expect(valuesSaved(db, "plan", tl.stamp)).toBe(true);
    const again = openTimeline(db);
    expect(plain(again.propValues("plan"))).toEqual(plain(planValues));
    expect(plain(again.propValues("price"))).toEqual(plain(sparseOf(tl.propColumn("price"), tl.eventCodes)));
    const buy = tl.eventCode("buy");
    expect(plain(again.propValues("price", buy))).toEqual(
      plain(sparseOf(tl.propColumn("price"), tl.eventCodes, buy)),
    );
    // the rare one's column is not saved: its values make it, without a look at the events' JSON
    expect(readMeta(db, "event", "price")).toBeNull();
    expect(readMeta(db, "event", "plan")?.stamp).toBe(tl.stamp);
    const built = plainColumn(tl.propColumn("price"));
    db.prepare("UPDATE events SET properties = NULL").run();
    expect(plainColumn(openTimeline(db).propColumn("price"))).toEqual(built);
  });

  it("answer revenue and rfm read from the workspace as taken from the column", async () => {
    j = priced();
    const range = { from: "2024-06-01", to: "2024-06-30" };
    const queries = [
      { kind: "revenue", event: { event: "buy" }, property: "price", range, interval: "week" },
      {
        kind: "revenue",
        event: { event: "buy", where: [{ property: "price", op: "lt", value: 60 }] },
        property: "price",
        range,
      },
      { kind: "rfm", event: { event: "buy" }, monetary: "price", range },
      {
        kind: "rfm",
        event: { event: "buy", where: [{ property: "price", op: "gt", value: 20 }] },
        monetary: "price",
        range,
      },
    ].map((q) => parseOrThrow(Query, q));
    const fresh = new InProcessEngine(j.ws.db);
    const stamp = openTimeline(j.ws.db).stamp;
    expect(valuesSaved(j.ws.db, "price", stamp)).toBe(false);
    // taken from the column by the first query, which saves them
    const before = await Promise.all(queries.map((q) => fresh.run(q)));
    expect(valuesSaved(j.ws.db, "price", stamp)).toBe(true);
    const saved = new InProcessEngine(j.ws.db);
    expect(await Promise.all(queries.map((q) => saved.run(q)))).toEqual(before);
    // and they are what a later engine reads: doubled in the workspace, the revenue doubles
    const tl = openTimeline(j.ws.db);
    const buy = tl.eventCode("buy");
    const v = tl.propValues("price", buy);
    saveValues(j.ws.db, "price", stamp, new Map([[buy, { ...v, num: v.num.map((x) => 2 * x) }]]), v.dict);
    const [weekly, filtered] = queries;
    if (!weekly || !isQueryOf(weekly, "revenue") || !filtered || !isQueryOf(filtered, "revenue"))
      throw new Error("not the revenue queries");
    // by hand: user i buys once in June at i * 1.5 (priced.ts); below 60 are i < 40
    const first = await fresh.run(weekly);
    expect(first.revenue).toBe(1.5 * ((59 * 60) / 2));
    expect((await fresh.run(filtered)).revenue).toBe(1.5 * ((39 * 40) / 2));
    expect((await new InProcessEngine(j.ws.db).run(weekly)).revenue).toBe(2 * first.revenue);
  });

  it("with filters on the event, are its name's values only, and answer as the filters say", async () => {
    // views carry a price too: a filtered revenue or rfm event must read (and count) only buys'
    const spec: Record<string, JourneyEvent[]> = {};
    for (let i = 0; i < 30; i++)
      spec[`u${i}`] = [
        ["view", "2024-06-02T10:00Z", { price: 1000 + i }],
        ["buy", "2024-06-03T10:00Z", { price: i, plan: i % 2 ? "pro" : "free" }],
      ];
    j = journeys(spec);
    const range = { from: "2024-06-01", to: "2024-06-30" };
    const where = [{ property: "plan", op: "eq", value: "pro" }];
    const revenue = parseOrThrow(Query, {
      kind: "revenue",
      event: { event: "buy", where },
      property: "price",
      range,
    });
    const rfm = parseOrThrow(Query, {
      kind: "rfm",
      event: { event: "buy", where },
      monetary: "price",
      range,
    });
    const asked = vi.spyOn(ArrayTimeline.prototype, "propValues");
    try {
      const engine = new InProcessEngine(j.ws.db);
      const r = await engine.run(revenue);
      if (!isQueryOf(revenue, "revenue") || !("revenue" in r)) throw new Error("not a revenue answer");
      // by hand: the odd i below 30 buy as "pro"
      expect(r.revenue).toBe(15 * 15);
      const scored = await engine.run(rfm);
      const buy = openTimeline(j.ws.db).eventCode("buy");
      expect(asked.mock.calls.filter(([name]) => name === "price").map(([, code]) => code)).toEqual([
        buy,
        buy,
      ]);
      // the same answer as where views carry no price at all
      const bare: Record<string, JourneyEvent[]> = {};
      for (const [user, events] of Object.entries(spec))
        bare[user] = events.map(([event, at, props]) => [event, at, event === "view" ? {} : props]);
      const other = journeys(bare);
      try {
        expect(await new InProcessEngine(other.ws.db).run(rfm)).toEqual(scored);
      } finally {
        other.close();
      }
    } finally {
      asked.mockRestore();
    }
  });
});
