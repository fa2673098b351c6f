import type Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { readTimelineUsers } from "../../../src-main/engine/columns/build.ts";
import { openTimeline } from "../../../src-main/engine/columns/index.ts";
import { loadColumns } from "../../../src-main/engine/columns/load.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { catalogEvents } from "../../../src-main/store/catalog.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Query } from "../../../src-preload/contract/query-kinds.ts";
import { type JourneySpec, type Journeys, journeys } from "../../helpers/journeys.ts";

// The saved users' ids and events' seqs come from the file like any saved column, and the engine
// sizes arrays by their largest value: a forged id of 2^31 - 1 cost a segment count 8.5 GB and 33 s,
// counted 9 users of 10 and saved the wrong column. Such arrays are stale: an open that reads them
// rebuilds the columns, and one that reads them later (the CLI, the app's workers) takes them from
// the tables.

let j: Journeys | undefined;
afterEach(() => {
  j?.close();
  j = undefined;
});

/** 20 users of one visit each (priced at their number), every other one on the pro plan; columns saved. */
function planned(): Journeys {
  const spec: JourneySpec = {};
  for (let i = 0; i < 20; i++)
    spec[`u${i}`] = {
      events: [["visit", "2024-06-01T10:00Z", { price: i }]],
      attributes: { plan: i % 2 ? "pro" : "free" },
    };
  const made = journeys(spec);
  openTimeline(made.ws.db, { save: true });
  return made;
}

/** Rewrites the saved array `name` (one chunk in a workspace this small) through `change`. */
function forge(db: Database.Database, name: "userIds" | "seqs", change: (a: Int32Array) => void): void {
  const row = `timeline.${name}#0`;
  const blob = db.prepare("SELECT data FROM engine_columns WHERE name = ?").pluck().get(row);
  if (!Buffer.isBuffer(blob)) throw new Error(`no saved ${row}`);
  const array = new Int32Array(Uint8Array.from(blob).buffer);
  change(array);
  db.prepare("UPDATE engine_columns SET data = ? WHERE name = ?").run(Buffer.from(array.buffer), row);
}

const query = (segment: unknown) => parseOrThrow(Query, { kind: "segmentCount", segment });
const PRO = { attribute: { property: "plan", scope: "user", op: "eq", value: "pro" } };
const PRICED = { performed: { event: "visit", where: [{ property: "price", op: "gte", value: 10 }] } };

describe("saved ids no row of the workspace has", () => {
  it("users' ids past the largest, below the smallest or out of order make the columns stale", () => {
    j = planned();
    const db = j.ws.db;
    const ids = Array.from(readTimelineUsers(db).userIds);
    const last = ids.length - 1;
    const forgeries: ((a: Int32Array) => void)[] = [
      (a) => {
        a[last] = 2 ** 31 - 1;
      },
      (a) => {
        a[0] = 0;
      },
      (a) => {
        [a[0], a[1]] = [a[1] ?? 0, a[0] ?? 0];
      },
      (a) => {
        a[1] = a[0] ?? 0;
      },
    ];
    for (const change of forgeries) {
      forge(db, "userIds", change);
      expect(loadColumns(db)).toBeNull();
      forge(db, "userIds", (a) => a.set(ids));
      expect(Array.from(loadColumns(db)?.userIds ?? [])).toEqual(ids);
    }
  });

  it("an id of 2^31 - 1: a user attribute is counted right, without hanging, from the users' own ids, and saved right", async () => {
    j = planned();
    const db = j.ws.db;
    const ids = Array.from(readTimelineUsers(db).userIds);
    forge(db, "userIds", (a) => {
      a[a.length - 1] = 2 ** 31 - 1;
    });
    expect(loadColumns(db)).toBeNull();
    // read later, as `strata query` and the app's workers do: taken from the users instead
    expect(Array.from(loadColumns(db, false, true)?.userIds ?? [])).toEqual(ids);
    // a hang, not a speed, is what fails here: by the test's timeout (vitest.config.mts)
    expect(await new InProcessEngine(db, { lazy: true }).run(query(PRO))).toEqual({ users: 10, ofTotal: 20 });
    // the column that query saved is read by the next one; an open that reads the ids at once
    // rebuilds the columns
    expect(await new InProcessEngine(db, { lazy: true }).run(query(PRO))).toEqual({ users: 10, ofTotal: 20 });
    expect(await new InProcessEngine(db).run(query(PRO))).toEqual({ users: 10, ofTotal: 20 });
    expect(Array.from(loadColumns(db)?.userIds ?? [])).toEqual(ids);
  });

  it("a seq of 2^31 - 1 or below the first: an event property is read right, without hanging, with the events' own seqs", async () => {
    j = planned();
    const db = j.ws.db;
    const seqs = Array.from(loadColumns(db)?.seqs ?? []);
    forge(db, "seqs", (a) => {
      a[0] = 0;
    });
    expect(loadColumns(db)).toBeNull();
    forge(db, "seqs", (a) => {
      a[0] = seqs[0] ?? 0;
      a[3] = 2 ** 31 - 1;
    });
    expect(loadColumns(db)).toBeNull();
    expect(Array.from(loadColumns(db, false, true)?.seqs ?? [])).toEqual(seqs);
    // a hang, not a speed, is what fails here: by the test's timeout (vitest.config.mts)
    expect(await new InProcessEngine(db, { lazy: true }).run(query(PRICED))).toEqual({
      users: 10,
      ofTotal: 20,
    });
    expect(await new InProcessEngine(db).run(query(PRICED))).toEqual({ users: 10, ofTotal: 20 });
    expect(Array.from(loadColumns(db)?.seqs ?? [])).toEqual(seqs);
  });
});

// The tables themselves may be forged the same way: one user's id, or one event's seq, of 2^31 - 1
// among a handful made the open allocate 8 GB (17 s and 8.6 GB RSS for a segment count at 1M
// events). Such a file is refused as damaged, naming it; ids Strata wrote run 1..n.
describe("tables whose ids run far past their rows", () => {
  it("a user id of 2^31 - 1: refused as damaged, naming the file", async () => {
    j = journeys({ a: [["visit", "2024-06-01T10:00Z"]], b: [["visit", "2024-06-02T10:00Z"]] });
    const db = j.ws.db;
    db.pragma("foreign_keys = OFF");
    db.exec(`DELETE FROM engine_columns;
      UPDATE users SET id = ${2 ** 31 - 1} WHERE id = (SELECT max(id) FROM users);
      UPDATE events SET user_id = ${2 ** 31 - 1} WHERE user_id NOT IN (SELECT min(id) FROM users);`);
    await expect(new InProcessEngine(db).run(query({ performed: { event: "visit" } }))).rejects.toMatchObject(
      {
        code: "corrupt",
        message: expect.stringMatching(/is damaged: its user ids run to 2,147,483,647 for 2 user/),
      },
    );
  });

  it("an event seq of 2^31 - 1: an event property is refused as damaged", async () => {
    j = planned();
    const db = j.ws.db;
    db.exec(
      `DELETE FROM engine_columns; UPDATE events SET seq = ${2 ** 31 - 1} WHERE seq = (SELECT max(seq) FROM events);`,
    );
    await expect(new InProcessEngine(db, { lazy: true }).run(query(PRICED))).rejects.toMatchObject({
      code: "corrupt",
      message: expect.stringMatching(/its event ids run to 2,147,483,647 for 20 event/),
    });
  });

  it("an event name id of 2^31 - 1: the catalog refuses the file as damaged", () => {
    j = journeys({ a: [["visit", "2024-06-01T10:00Z"]], b: [["buy", "2024-06-02T10:00Z"]] });
    const { ws } = j;
    const db = ws.db;
    db.pragma("foreign_keys = OFF");
    db.exec(`DELETE FROM engine_columns;
      UPDATE events SET event_id = ${2 ** 31 - 1} WHERE event_id = (SELECT id FROM event_names WHERE name = 'buy');
      UPDATE event_names SET id = ${2 ** 31 - 1} WHERE name = 'buy';`);
    expect(() => catalogEvents(ws)).toThrow(
      /is damaged: its event name ids run to 2,147,483,647 for 2 event name/,
    );
  });
});
