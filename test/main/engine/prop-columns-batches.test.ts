import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readWithHelper } from "../../../src-main/engine/columns/helper-build.ts";
import { openTimeline } from "../../../src-main/engine/columns/index.ts";
import { type ScanForm, scanFormOf, seqSpan } from "../../../src-main/engine/columns/prop-scan.ts";
import { loadEventColumn } from "../../../src-main/engine/columns/props.ts";
import { type PropColumn, TAG_BOOL, TAG_NUMBER, TAG_STRING } from "../../../src-main/engine/columns/types.ts";
import { type JourneySpec, type Journeys, journeys } from "../../helpers/journeys.ts";
import { plainColumn } from "../../helpers/priced.ts";

// An event property column is read from SQLite in batches of events, each coming back as JSON arrays
// (the seqs and values of the events carrying it, or every event's value). Whatever the batch size
// and form, with events deleted, and when a batch falls back to row-by-row reading, the column must
// hold what the stored properties objects say, read here the obvious way: every stored object parsed
// by JSON.parse in JS, its key looked up (however the text spells it).

let j: Journeys | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
  vi.restoreAllMocks();
});

const stored = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  fc.constantFrom(0, 0.1, 19.99, 1e-7, 2 ** 53 + 2),
  fc.string({ maxLength: 6 }),
  fc.constantFrom("é", "a\nb", '"q"', "\\", "price", "-1", "true"),
  fc.boolean(),
  fc.constant(null),
  fc.constant([1, 2]),
  fc.constant({ n: 1 }),
);
/**
 * A stored properties object as text: with a key `p` of one of those values or without it, written
 * by JSON.stringify, with spaces, or with the key spelled by an escape; or no object at all.
 */
const text = fc.option(
  fc
    .tuple(
      fc.record({ p: fc.option(stored, { nil: undefined }), other: fc.option(fc.string({ maxLength: 3 })) }),
      fc.constantFrom("plain", "spaced", "escaped"),
    )
    .map(([obj, how]) => {
      const json = how === "spaced" ? JSON.stringify(obj, null, 1) : JSON.stringify(obj);
      return how === "escaped" ? json.replace('"p":', '"\\u0070":') : json;
    }),
  { nil: null },
);
const users = fc.array(fc.array(fc.tuple(fc.constantFrom("a", "b"), text), { maxLength: 6 }), {
  minLength: 1,
  maxLength: 8,
});

type Expected = { tag: number; value: number | string } | null;

/** What a stored value means for a column: a finite number, a string, a boolean, or missing. */
function meaning(v: unknown): Expected {
  if (typeof v === "number") return Number.isFinite(v) ? { tag: TAG_NUMBER, value: v } : null;
  if (typeof v === "string") return { tag: TAG_STRING, value: v };
  if (typeof v === "boolean") return { tag: TAG_BOOL, value: v ? 1 : 0 };
  return null;
}

function decoded(c: PropColumn, pos: number): Expected {
  const tag = c.tag[pos] ?? 0;
  if (tag === TAG_NUMBER || tag === TAG_BOOL) return { tag, value: c.num[pos] ?? Number.NaN };
  if (tag === TAG_STRING) return { tag, value: c.dict[c.str[pos] ?? -1] ?? "(no such string)" };
  return null;
}

const forms = fc.constantFrom<ScanForm>("carrying", "every");

/**
 * A workspace of those events, each event's properties stored as the given text; `gaps`: every
 * fifth event from the `gaps`-th deleted (none when 0), leaving gaps in the seqs.
 */
function workspace(log: [string, string | null][][], gaps = 0): Journeys {
  const spec: JourneySpec = {};
  log.forEach((events, u) => {
    spec[`u${u}`] = events.map(([name], k) => [name, Date.UTC(2024, 0, 1 + k, u)]);
  });
  const made = journeys(spec);
  const set = made.ws.db.prepare("UPDATE events SET properties = ? WHERE seq = ?");
  const seqs = made.ws.db.prepare("SELECT seq FROM events ORDER BY seq").pluck().all();
  // journeys writes users and their events in order: the k-th event written has the k-th seq
  for (const [k, [, json]] of log.flat().entries()) set.run(json, seqs[k]);
  if (gaps > 0) made.ws.db.prepare("DELETE FROM events WHERE seq % 5 = ?").run(gaps - 1);
  return made;
}

/**
 * Checks the column of `p` against the stored objects, and returns it. `helped`: read by two
 * threads (helper-build.ts), whatever the workspace's size.
 */
function check(batch: number, form: ScanForm, helped = false): PropColumn {
  if (!j) throw new Error("no workspace");
  const db = j.ws.db;
  const tl = openTimeline(db);
  const slots = tl.nEvents + 16;
  const posOfSeq = helped ? new Int32Array(new SharedArrayBuffer(slots * 4)) : new Int32Array(slots);
  posOfSeq.fill(-1);
  for (let pos = 0; pos < tl.nEvents; pos++) posOfSeq[tl.seqs[pos] ?? 0] = pos;
  const column = loadEventColumn(db, "p", tl.nEvents, posOfSeq, batch, helped ? 0 : undefined, form);
  const rows = db.prepare("SELECT seq, properties FROM events").raw().all() as [number, string | null][];
  for (const [seq, json] of rows) {
    const pos = posOfSeq[seq] ?? -1;
    const obj: unknown = json === null ? null : JSON.parse(json);
    const want =
      obj && typeof obj === "object" && Object.hasOwn(obj, "p") ? meaning(Reflect.get(obj, "p")) : null;
    expect(decoded(column, pos), `seq ${seq}: ${json}`).toEqual(want);
  }
  return column;
}

describe("event property columns read in batches", () => {
  it("hold each stored value at any batch size, in either form, with or without gaps in the seqs", () => {
    fc.assert(
      fc.property(
        users,
        fc.integer({ min: 1, max: 9 }),
        forms,
        fc.integer({ min: 0, max: 5 }),
        (log, batch, form, gaps) => {
          j?.close();
          j = workspace(log, gaps);
          check(batch, form);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("hold the same column, codes and dictionary alike, when a helper thread reads some batches", () => {
    let helperBatches = 0;
    fc.assert(
      fc.property(users, fc.integer({ min: 1, max: 9 }), forms, (log, batch, form) => {
        j?.close();
        j = workspace(log);
        const alone = check(batch, form);
        const { db } = j.ws;
        const tl = openTimeline(db);
        const posOfSeq = new Int32Array(new SharedArrayBuffer((tl.nEvents + 16) * 4)).fill(-1);
        for (let pos = 0; pos < tl.nEvents; pos++) posOfSeq[tl.seqs[pos] ?? 0] = pos;
        const span = seqSpan(db);
        const helped = span && readWithHelper(db, "p", tl.nEvents, posOfSeq, span, batch, form, true);
        if (span && !helped) throw new Error("the helper failed");
        helperBatches += helped ? helped.helperBatches : 0;
        if (helped) expect(plainColumn(helped.column)).toEqual(plainColumn(alone));
        // and loadEventColumn, given shared positions, reads with a helper as large workspaces do
        expect(plainColumn(check(batch, form, true))).toEqual(plainColumn(alone));
      }),
      { numRuns: 25 },
    );
    expect(helperBatches).toBeGreaterThan(0);
  });

  it("read a batch row by row when it cannot come back as one string", () => {
    j = workspace([
      [
        ["a", '{"p":19.99}'],
        ["b", '{"p":"x"}'],
        ["a", '{"p":true}'],
      ],
      [
        ["a", '{"p":[1,2]}'],
        ["b", null],
        ["a", '{"p":7}'],
      ],
    ]);
    const parse = JSON.parse;
    let failed = 0;
    vi.spyOn(JSON, "parse").mockImplementation((text: string) => {
      // every batch is "too long" (as V8 says of a string past its limit); stored objects parse
      if (text.startsWith("[")) {
        failed++;
        throw new RangeError("Invalid string length");
      }
      return parse(text);
    });
    for (const form of ["carrying", "every"] as const) check(2, form);
    expect(failed).toBeGreaterThan(0);
  });
});

describe("the form a property column is read in", () => {
  it("is every event's value for a property the catalog counts on at least half of the events", () => {
    j = journeys({
      u1: [
        ["view", "2024-06-01T10:00Z", { plan: "pro", price: 3 }],
        ["view", "2024-06-02T10:00Z", { plan: "pro" }],
        ["buy", "2024-06-03T10:00Z", { plan: "team" }],
      ],
      u2: [["view", "2024-06-01T11:00Z", {}]],
    });
    const db = j.ws.db;
    expect(scanFormOf(db, "plan")).toBe("every");
    expect(scanFormOf(db, "price")).toBe("carrying");
    expect(scanFormOf(db, "absent")).toBe("carrying");
  });

  it("reads every event's value, nulls included, until a batch has gaps in its seqs", () => {
    const log: [string, string | null][][] = [
      [
        ["a", '{"p":1}'],
        ["b", "{}"],
        ["a", '{"p":"x"}'],
      ],
      [
        ["b", null],
        ["a", '{"p":true}'],
        ["a", '{"q":2}'],
      ],
    ];
    const parse = JSON.parse;
    const arrays: unknown[][] = [];
    vi.spyOn(JSON, "parse").mockImplementation((text: string) => {
      const value: unknown = parse(text);
      if (Array.isArray(value)) arrays.push(value);
      return value;
    });
    const read = (gaps: number, form: ScanForm) => {
      j?.close();
      j = workspace(log, gaps);
      arrays.length = 0;
      check(3, form);
      return arrays;
    };
    // six events in two batches of three, each an array of three values, three of them missing
    expect(read(0, "every").map((a) => a.length)).toEqual([3, 3]);
    expect(arrays.flat().filter((v) => v === null)).toHaveLength(3);
    // the events carrying p only, seqs and values: no null
    expect(read(0, "carrying").flat()).not.toContain(null);
    // the second event deleted: the first batch has a gap, and every batch is read as carrying
    expect(read(3, "every").flat()).not.toContain(null);
  });
});
