import fs from "node:fs";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { joinDicts, readWithHelper } from "../../../src-main/engine/columns/helper-build.ts";
import { openTimeline } from "../../../src-main/engine/columns/index.ts";
import { seqSpan } from "../../../src-main/engine/columns/prop-scan.ts";
import { loadEventColumn } from "../../../src-main/engine/columns/props.ts";
import { type PropColumn, TAG_STRING } from "../../../src-main/engine/columns/types.ts";
import { type JourneyEvent, type Journeys, journeys } from "../../helpers/journeys.ts";
import { plainColumn } from "../../helpers/priced.ts";

// A large workspace's property column is read by two threads, the second half of the events' seqs
// by a helper thread with a dictionary of its own (columns/helper-build.ts). Its strings must end up
// coded as one thread codes them, and a helper that cannot answer must cost time, never the column.

let j: Journeys | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
});

/** Users whose plans come in one order in the first half of the events and another in the second. */
function plans(): Journeys {
  const spec: Record<string, JourneyEvent[]> = {};
  const first = ["free", "pro", "team"];
  const second = ["enterprise", "team", "trial", "free"];
  for (let i = 0; i < 40; i++) {
    const names = i < 20 ? first : second;
    spec[`u${String(i).padStart(2, "0")}`] = [
      ["view", `2024-06-0${1 + (i % 7)}T10:00Z`, { plan: names[i % names.length] ?? "" }],
      ["buy", `2024-06-1${i % 9}T10:00Z`, { price: i * 1.5, plan: i % 5 === 0 ? 3 : "pro" }],
    ];
  }
  return journeys(spec);
}

function sharedPositions(): { posOfSeq: Int32Array; nEvents: number } {
  if (!j) throw new Error("no workspace");
  const tl = openTimeline(j.ws.db);
  const posOfSeq = new Int32Array(new SharedArrayBuffer((tl.nEvents + 1) * 4)).fill(-1);
  for (let pos = 0; pos < tl.nEvents; pos++) posOfSeq[tl.seqs[pos] ?? 0] = pos;
  return { posOfSeq, nEvents: tl.nEvents };
}

const FORMS = ["carrying", "every"] as const;

const strings = (c: PropColumn) =>
  Array.from(c.tag, (t, i) => (t === TAG_STRING ? c.dict[c.str[i] ?? -1] : null));

describe("a property column read by two threads", () => {
  it("is read by both, its strings coded as one thread codes them in the order it meets them", () => {
    j = plans();
    const db = j.ws.db;
    const { posOfSeq, nEvents } = sharedPositions();
    const span = seqSpan(db);
    if (!span) throw new Error("no events");
    const alone = plainColumn(openTimeline(db).propColumn("plan"));
    let helperBatches = 0;
    for (let run = 0; run < 8; run++) {
      const form = run % 2 === 0 ? "carrying" : "every";
      const helped = readWithHelper(db, "plan", nEvents, posOfSeq, span, 3, form, true);
      if (!helped) throw new Error("the helper failed");
      helperBatches += helped.helperBatches;
      expect(plainColumn(helped.column)).toEqual(alone);
      expect(helped.column.dict).toEqual(["free", "pro", "team", "enterprise", "trial"]);
      expect(strings(helped.column).filter((s) => s === "enterprise").length).toBe(5);
    }
    // the two threads race for batches: over eight reads the helper must have read some
    expect(helperBatches).toBeGreaterThan(0);
  });

  it("is read by this thread alone when the helper cannot open the workspace", () => {
    j = plans();
    const db = j.ws.db;
    const alone = plainColumn(openTimeline(db).propColumn("plan"));
    const { posOfSeq, nEvents } = sharedPositions();
    const span = seqSpan(db);
    if (!span) throw new Error("no events");
    // the open connection still reads the moved file; the helper finds no file to open
    fs.renameSync(db.name, `${db.name}.moved`);
    try {
      const helped = readWithHelper(db, "plan", nEvents, posOfSeq, span, 7, "every", true);
      expect(helped?.helperBatches).toBe(0);
      expect(helped && plainColumn(helped.column)).toEqual(alone);
      expect(plainColumn(loadEventColumn(db, "plan", nEvents, posOfSeq, 7, 0))).toEqual(alone);
    } finally {
      fs.renameSync(`${db.name}.moved`, db.name);
    }
  });
});

describe("a property column whose events hold a malformed object", () => {
  it("fails on two threads as on one, whichever thread meets the object", () => {
    j = plans();
    const db = j.ws.db;
    const seqs = db.prepare("SELECT seq FROM events ORDER BY seq").pluck().all();
    const { posOfSeq, nEvents } = sharedPositions();
    const span = seqSpan(db);
    if (!span) throw new Error("no events");
    for (const at of [0.1, 0.5, 0.9]) {
      db.prepare("UPDATE events SET properties = '{\"plan\": ' WHERE seq = ?").run(
        seqs[Math.floor(seqs.length * at)],
      );
      for (const form of FORMS) {
        expect(() => loadEventColumn(db, "plan", nEvents, posOfSeq, 3, undefined, form)).toThrow(
          /malformed JSON/,
        );
        for (let run = 0; run < 4; run++)
          expect(() => readWithHelper(db, "plan", nEvents, posOfSeq, span, 3, form, true)).toThrow(
            /malformed JSON/,
          );
      }
    }
  });
});

describe("the two threads' dictionaries put together", () => {
  // batches of string values, each batch read by one of two threads in batch order; the reference
  // is one thread meeting every value in turn
  const reads = fc.array(
    fc.tuple(fc.array(fc.constantFrom("a", "b", "c", "d", "e", "f"), { maxLength: 5 }), fc.boolean()),
    { minLength: 1, maxLength: 12 },
  );

  it("code every value as one thread reading every batch in turn does", () => {
    fc.assert(
      fc.property(reads, (batchList) => {
        const size = 5;
        const seqs = batchList.length * size;
        const tag = new Uint8Array(seqs);
        const str = new Int32Array(seqs);
        const byHelper = Uint8Array.from(batchList, ([, helper]) => (helper ? 1 : 0));
        const threads = [0, 1].map(() => ({ dict: [] as string[], news: [] as [number, number, number][] }));
        batchList.forEach(([values, helper], b) => {
          const t = threads[helper ? 0 : 1];
          if (!t) throw new Error("no thread");
          const before = t.dict.length;
          values.forEach((v, k) => {
            if (!t.dict.includes(v)) t.dict.push(v);
            tag[b * size + k] = TAG_STRING;
            str[b * size + k] = t.dict.indexOf(v);
          });
          if (t.dict.length > before) t.news.push([b, before, t.dict.length]);
        });
        const [helper, own] = threads;
        if (!helper || !own) throw new Error("no threads");
        const batches = {
          first: 0,
          last: seqs - 1,
          batchEvents: size,
          claims: new Int32Array(2),
          byHelper,
        };
        const posOfSeq = Int32Array.from({ length: seqs }, (_, seq) => seq);
        const dict = joinDicts({ tag, str }, helper, own, batches, posOfSeq);
        const met: string[] = [];
        for (const [values] of batchList) for (const v of values) if (!met.includes(v)) met.push(v);
        expect(dict).toEqual(met);
        batchList.forEach(([values], b) => {
          values.forEach((v, k) => {
            expect(str[b * size + k]).toBe(met.indexOf(v));
          });
        });
      }),
      { numRuns: 300 },
    );
  });
});
