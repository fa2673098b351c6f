import path from "node:path";
import { describe, expect, it } from "vitest";
import { sql } from "../../../src-main/db/sql.ts";
import { PipeStore } from "../../../src-main/import/store.ts";
import { UserDict } from "../../../src-main/import/user-dict.ts";
import { readDictionaries } from "../../../src-main/store/event-writer.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { tmpDir } from "../../helpers/tmp.ts";
import { begunStore, emptyDictionaries, query, tempWorkspace } from "./helpers.ts";

describe("the inserting thread", () => {
  it("writes batches and commits them", async () => {
    const { ws, store, sink } = begunStore();
    const e = sink.eventId("open");
    sink.addEvent("a", e, 1000, '{"x":1}', null);
    sink.addEvent("b", e, 2000, null, null);
    sink.addEvent("a", e, 3000, null, null);
    await store.finishSink(sink);
    expect(sink.usersAdded).toBe(2);
    await store.commit(false);
    expect(
      query(
        ws,
        "SELECT u.external_id AS u, e.time, e.properties AS p FROM events e JOIN users u ON u.id = e.user_id ORDER BY seq",
      ),
    ).toEqual([
      { u: "a", time: 1000, p: '{"x":1}' },
      { u: "b", time: 2000, p: null },
      { u: "a", time: 3000, p: null },
    ]);
    expect(query(ws, "SELECT name, count, first_time, last_time FROM event_names")).toEqual([
      { name: "open", count: 3, first_time: 1000, last_time: 3000 },
    ]);
  });

  it("a failure there reaches the parsing side, and nothing is written", async () => {
    const ws = tempWorkspace();
    const store = new PipeStore(ws);
    const w = Workspace.open(ws);
    const dict = readDictionaries(w.db, false);
    store.setUsers(UserDict.read(w.db));
    w.close();
    store.begin(dict);
    const sink = store.sink(1, dict);
    sink.addEvent("a", sink.eventId("open"), 1000, null, null);
    store.run(sql`INSERT INTO no_such_table VALUES (1)`);
    await expect(store.finishSink(sink)).rejects.toThrow(/no_such_table/);
    await expect(store.commit(false)).rejects.toThrow(/no_such_table/);
    await store.rollback();
    expect(query(ws, "SELECT count(*) AS n FROM events")).toEqual([{ n: 0 }]);
    expect(query(ws, "SELECT count(*) AS n FROM users")).toEqual([{ n: 0 }]);
  });
});

describe("an inserting thread that cannot open its workspace", () => {
  it("reports why once the parsing side sends work, and nothing hangs", async () => {
    const store = new PipeStore(path.join(tmpDir(), "missing.strata"));
    store.setUsers(new UserDict());
    const dict = emptyDictionaries();
    store.begin(dict);
    const sink = store.sink(1, dict);
    sink.addEvent("a", sink.eventId("open"), 1000, null, null);
    await expect(store.finishSink(sink)).rejects.toMatchObject({ code: "not_found" });
    await store.rollback();
  });
});

describe("the codes the parsing side assigns", () => {
  it("are refused when another writer added users after they were read", async () => {
    const ws = tempWorkspace();
    const w = Workspace.open(ws);
    const dict = readDictionaries(w.db, false);
    const users = UserDict.read(w.db);
    // another import commits a user between the read and this import's transaction
    w.db.prepare("INSERT INTO users (id, external_id) VALUES (1, 'someone')").run();
    w.close();
    const store = new PipeStore(ws);
    store.setUsers(users);
    store.begin(dict);
    const sink = store.sink(1, dict);
    sink.addEvent("a", sink.eventId("open"), 1000, null, null);
    await expect(store.finishSink(sink)).rejects.toThrow(/another import wrote to this workspace/);
    await store.rollback();
    expect(query(ws, "SELECT external_id FROM users")).toEqual([{ external_id: "someone" }]);
  });
});

describe("an inserting thread stopped while it starts", () => {
  it("never takes the process down, at any point of its start", async () => {
    // terminating a thread inside better-sqlite3's initialisation is a Node fatal error that aborts
    // the whole process: an import that fails at once stops its prestarted inserter just then
    const ws = tempWorkspace();
    for (let k = 0; k < 16; k++) {
      const store = new PipeStore(ws);
      await new Promise((resolve) => setTimeout(resolve, k * 5));
      await store.discard();
    }
    expect(query(ws, "SELECT count(*) AS n FROM events")).toEqual([{ n: 0 }]);
  });
});
