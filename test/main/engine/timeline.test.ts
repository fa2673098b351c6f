import { afterEach, describe, expect, it } from "vitest";
import {
  columnValue,
  openTimeline,
  persistColumns,
  readStamp,
} from "../../../src-main/engine/columns/index.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";

let j: Journeys | undefined;
afterEach(() => j?.close());

describe("timeline", () => {
  it("clusters events by user, orders them by time then import order, and keeps users without events", () => {
    j = journeys({
      alice: [
        ["b", "2024-06-01T10:00:00.500Z", { price: 3 }],
        ["a", "2024-06-01T09:00Z", { country: "DE" }],
        ["c", "2024-06-01T10:00:00.500Z", { ok: true }],
      ],
      nobody: { attributes: { plan: "pro" } },
      bob: [["a", "2024-05-01T00:00Z"]],
    });
    const tl = openTimeline(j.ws.db);
    expect(tl.nUsers).toBe(3);
    expect(tl.nEvents).toBe(4);
    expect(Array.from(tl.userOffsets)).toEqual([0, 3, 3, 4]);
    const names = Array.from(tl.eventCodes).map((c) => tl.eventNames[c]);
    expect(names).toEqual(["a", "b", "c", "a"]);
    expect(tl.times[1]).toBe(Date.parse("2024-06-01T10:00:00.500Z"));
    const price = tl.propColumn("price");
    expect([0, 1, 2, 3].map((p) => columnValue(price, p))).toEqual([null, 3, null, null]);
    expect(columnValue(tl.propColumn("ok"), 2)).toBe(true);
    expect(columnValue(tl.userColumn("plan"), 1)).toBe("pro");
    expect(tl.externalIds([2, 0])).toEqual(["bob", "alice"]);
  });

  it("reopens from persisted columns while the stamp matches, and rebuilds after new events", () => {
    j = journeys({ a: [["x", "2024-06-01T00:00Z"]] });
    persistColumns(j.ws.db);
    const saved = j.ws.db.prepare("SELECT count(*) AS n FROM engine_columns").get() as { n: number };
    expect(saved.n).toBeGreaterThan(0);
    const first = openTimeline(j.ws.db);
    expect(first.stamp).toBe(readStamp(j.ws.db));
    const lazy = openTimeline(j.ws.db, { lazy: true });
    expect([Array.from(lazy.seqs), Array.from(lazy.userIds)]).toEqual([
      Array.from(first.seqs),
      Array.from(first.userIds),
    ]);
    expect(Number.isNaN(lazy.createdAt[0])).toBe(true);
    j.ws.db.prepare("INSERT INTO events (user_id, event_id, time) VALUES (1, 1, 5)").run();
    j.ws.db.prepare("UPDATE event_names SET count = count + 1").run();
    const second = openTimeline(j.ws.db);
    expect(second.nEvents).toBe(2);
    expect(second.times[0]).toBe(5);
  });

  it("saves a loaded property column and reuses it until the events change", () => {
    j = journeys({ a: [["x", "2024-06-01T00:00Z", { price: 4 }]], b: { attributes: { plan: "pro" } } });
    persistColumns(j.ws.db);
    const first = openTimeline(j.ws.db, { save: true });
    expect(columnValue(first.propColumn("price"), 0)).toBe(4);
    expect(columnValue(first.userColumn("plan"), 1)).toBe("pro");
    // the saved copy answers even once the JSON is gone (the stamp does not see properties)
    j.ws.db.prepare("UPDATE events SET properties = NULL").run();
    j.ws.db.prepare("UPDATE users SET attributes = NULL").run();
    const second = openTimeline(j.ws.db);
    expect(columnValue(second.propColumn("price"), 0)).toBe(4);
    expect(columnValue(second.userColumn("plan"), 1)).toBe("pro");
    persistColumns(j.ws.db); // what an import does: the old property columns go with the old timeline
    const third = openTimeline(j.ws.db);
    expect(columnValue(third.propColumn("price"), 0)).toBeNull();
  });
});
