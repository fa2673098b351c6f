import Database from "better-sqlite3";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openTimeline } from "../../../src-main/engine/columns/index.ts";
import { loadProp, readMeta, saveProp } from "../../../src-main/engine/columns/prop-store.ts";
import { COLUMNS_VERSION, MAX_ROWS } from "../../../src-main/engine/columns/saved-layout.ts";
import type { PropColumn } from "../../../src-main/engine/columns/types.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Query } from "../../../src-preload/contract/query-kinds.ts";
import type { Journeys } from "../../helpers/journeys.ts";
import { plainColumn, priced } from "../../helpers/priced.ts";

// Property columns are saved in chunks like the timeline (a 100M-event `num` part is 800 MB, more than
// better-sqlite3 binds): any chunk size must give back the very column saved, a column saved by the
// previous version (one row per part) must still load, and a failed save must be said, not swallowed.

let j: Journeys | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
  vi.restoreAllMocks();
});

describe("saved property columns", () => {
  it("come back identical at any chunk size, and a shorter save leaves no chunk behind", () => {
    j = priced();
    const db = j.ws.db;
    const tl = openTimeline(db);
    const price = tl.propColumn("price");
    const plan = tl.propColumn("plan");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.constantFrom(price, plan), (k, col) => {
        saveProp(db, "event", "x", "s1", col, 8 * k);
        const back = loadProp(db, "event", "x", "s1");
        expect(back).not.toBeNull();
        expect(plainColumn(back as PropColumn)).toEqual(plainColumn(col));
        // as many chunks as the parts need, counted by plain SQL
        const rows = db
          .prepare("SELECT count(*) FROM engine_columns WHERE name LIKE 'eventprop.%' AND name LIKE '%.x'")
          .pluck()
          .get();
        const want =
          1 +
          Math.max(1, Math.ceil(col.tag.byteLength / (8 * k))) +
          Math.max(1, Math.ceil(col.num.byteLength / (8 * k))) +
          Math.max(1, Math.ceil(col.str.byteLength / (8 * k)));
        expect(rows).toBe(want);
      }),
      { numRuns: 40 },
    );
    expect(loadProp(db, "event", "x", "another stamp")).toBeNull();
  });

  it("saved by the previous version (one row per part, no counts in the meta) still load", () => {
    j = priced();
    const db = j.ws.db;
    const col = openTimeline(db).propColumn("price");
    const put = db.prepare("INSERT INTO engine_columns (name, version, built_at, data) VALUES (?, ?, 0, ?)");
    const b = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    put.run("eventprop.tag.price", COLUMNS_VERSION, b(col.tag));
    put.run("eventprop.num.price", COLUMNS_VERSION, b(col.num));
    put.run("eventprop.str.price", COLUMNS_VERSION, b(col.str));
    put.run(
      "eventprop.meta.price",
      COLUMNS_VERSION,
      Buffer.from(JSON.stringify({ stamp: "old", dict: col.dict })),
    );
    expect(plainColumn(loadProp(db, "event", "price", "old") as PropColumn)).toEqual(plainColumn(col));
  });

  it("a chunk missing makes the column unsaved, not wrong", () => {
    j = priced();
    const db = j.ws.db;
    const col = openTimeline(db).propColumn("price");
    saveProp(db, "event", "price", "s", col, 64);
    db.prepare("DELETE FROM engine_columns WHERE name = 'eventprop.num#1.price'").run();
    expect(loadProp(db, "event", "price", "s")).toBeNull();
  });

  it("a part that no longer matches its tags makes the column unsaved, not misread", () => {
    j = priced();
    const db = j.ws.db;
    const col = openTimeline(db).propColumn("price");
    saveProp(db, "event", "price", "s", col, 64);
    // one value short: still whole 8-byte numbers, but fewer of them than tags
    db.prepare(
      "UPDATE engine_columns SET data = substr(data, 1, 56) WHERE name = 'eventprop.num#1.price'",
    ).run();
    expect(loadProp(db, "event", "price", "s")).toBeNull();
  });

  it("a meta naming more chunks than a save writes is a stale column, not an allocation that aborts the process", async () => {
    j = priced();
    const db = j.ws.db;
    const tl = openTimeline(db, { save: true });
    const want = plainColumn(tl.propColumn("plan"));
    const meta = readMeta(db, "event", "plan");
    expect(meta?.chunks).toEqual({ tag: 1, num: 1, str: 1 });
    const forge = (chunks: unknown) =>
      db
        .prepare("UPDATE engine_columns SET data = ? WHERE name = 'eventprop.meta.plan'")
        .run(Buffer.from(JSON.stringify({ ...meta, chunks })));
    // 2^32 - 1 rows named before any was read ran `strata query` and the app out of memory (SIGABRT
    // after 30 s and 3.8 GB); a total past MAX_ROWS, a fraction or a string is no count a save writes
    for (const chunks of [
      { tag: 2 ** 32 - 1, num: 1, str: 1 },
      { tag: MAX_ROWS, num: MAX_ROWS, str: 1 },
      { tag: 1.5, num: 1, str: 1 },
      { tag: "1", num: 1, str: 1 },
      { tag: 1, num: 0, str: 1 },
    ]) {
      forge(chunks);
      expect(readMeta(db, "event", "plan"), JSON.stringify(chunks)).toBeNull();
      expect(loadProp(db, "event", "plan", tl.stamp)).toBeNull();
    }
    forge({ tag: 2 ** 32 - 1, num: 1, str: 1 });
    // the query reads the column from the events, answers, and saves it again over the forged meta
    // a hang, not a speed, is what fails here: by the test's timeout (vitest.config.mts)
    const answer = await new InProcessEngine(db, { lazy: true }).run(
      parseOrThrow(Query, {
        kind: "segmentCount",
        segment: { performed: { event: "view", where: [{ property: "plan", op: "eq", value: "pro" }] } },
      }),
    );
    expect(answer).toEqual({ users: 20, ofTotal: 60 });
    expect(plainColumn(loadProp(db, "event", "plan", tl.stamp) as PropColumn)).toEqual(want);
  });

  it("a save that fails for another reason than a busy or read-only workspace is said on stderr", () => {
    j = priced();
    const file = j.file;
    j.ws.db.exec(`ALTER TABLE engine_columns RENAME TO engine_columns_was;
      CREATE TABLE engine_columns (name TEXT PRIMARY KEY, version INTEGER NOT NULL, built_at INTEGER NOT NULL,
        data BLOB NOT NULL CONSTRAINT no_props CHECK (name NOT LIKE '%prop.%'));
      INSERT INTO engine_columns SELECT * FROM engine_columns_was; DROP TABLE engine_columns_was;`);
    const db = new Database(file);
    const seen: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      seen.push(String(chunk));
      return true;
    });
    try {
      const tl = openTimeline(db, { save: true });
      expect(tl.propColumn("price").tag.length).toBe(120);
    } finally {
      db.close();
    }
    vi.restoreAllMocks();
    expect(seen.join("")).toMatch(
      /column for the event property "price" was not saved \(CHECK constraint failed: no_props\)/,
    );
  });
});
