import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { readWithHelper } from "../../../src-main/engine/columns/helper-build.ts";
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

const strings = (c: PropColumn) =>
  Array.from(c.tag, (t, i) => (t === TAG_STRING ? c.dict[c.str[i] ?? -1] : null));

describe("a property column read by two threads", () => {
  it("is read by the helper, its strings recoded onto one dictionary in first-met order", () => {
    j = plans();
    const db = j.ws.db;
    const { posOfSeq, nEvents } = sharedPositions();
    const span = seqSpan(db);
    if (!span) throw new Error("no events");
    const helped = readWithHelper(db, "plan", nEvents, posOfSeq, span, 7);
    expect(helped).not.toBeNull();
    const alone = openTimeline(db).propColumn("plan");
    const column = helped?.done();
    if (!column) throw new Error("no column");
    expect(plainColumn(column)).toEqual(plainColumn(alone));
    expect(column.dict).toEqual(["free", "pro", "team", "enterprise", "trial"]);
    expect(strings(column).filter((s) => s === "enterprise").length).toBe(5);
  });

  it("is read by this thread alone when the helper cannot open the workspace", () => {
    j = plans();
    const db = j.ws.db;
    const alone = plainColumn(openTimeline(db).propColumn("plan"));
    const { posOfSeq, nEvents } = sharedPositions();
    const span = seqSpan(db);
    if (!span) throw new Error("no events");
    // the open connection still reads the unlinked file; the helper finds no file to open
    fs.renameSync(db.name, `${db.name}.moved`);
    try {
      expect(readWithHelper(db, "plan", nEvents, posOfSeq, span, 7)).toBeNull();
      expect(plainColumn(loadEventColumn(db, "plan", nEvents, posOfSeq, 7, 0))).toEqual(alone);
    } finally {
      fs.renameSync(`${db.name}.moved`, db.name);
    }
  });
});
