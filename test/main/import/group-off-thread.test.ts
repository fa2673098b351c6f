import { afterEach, describe, expect, it, vi } from "vitest";
import { sql } from "../../../src-main/db/sql.ts";
import type { TimelineArrays } from "../../../src-main/engine/columns/build.ts";
import { groupJob } from "../../../src-main/import/group-off-thread.ts";
import { Inserter } from "../../../src-main/import/inserter.ts";
import { begunStore, IMPORT_ROW, plain, saved, tempWorkspace } from "./helpers.ts";

// At the end of an import into a workspace without events, the inserting thread hands its batches
// to the parsing thread to be grouped by user while it builds the users' index; the columns it then
// saves in the import's transaction must be what the engine builds from the table, and grouped rows
// that do not fit must never be saved.

afterEach(() => {
  vi.restoreAllMocks();
});

describe("an import into a workspace without events, on two threads", () => {
  it("saves, in the import's own commit, the columns the engine builds from the table", async () => {
    const { ws, store, sink } = begunStore();
    // more rows than one batch, users interleaved, times out of order within a user, ties
    for (let i = 0; i < 9000; i++) {
      const name = sink.eventId(`e${i % 3}`);
      sink.addEvent(`u${(i * 7) % 101}`, name, 1_700_000_000_000 + ((i * 7919) % 4000) * 1000, null, null);
    }
    await store.finishSink(sink);
    // true: saved by the inserting thread before its COMMIT, not rebuilt after it
    expect(await store.commit(true)).toBe(true);
    const { saved: s, rebuilt } = saved(ws);
    expect(s).not.toBeNull();
    expect(plain(s as TimelineArrays)).toEqual(plain(rebuilt));
    expect(rebuilt.times.length).toBe(9000);
  });
});

describe("an import into a workspace without events, its rows kept by bucket of users", () => {
  it("saves what the engine builds from the table when users span buckets and links merge across them", async () => {
    const { ws, store, sink } = begunStore();
    // 6,007 users (ids past one bucket of 4,096), three instants: many ties within a user
    for (let i = 0; i < 9000; i++) {
      const name = sink.eventId(`e${i % 3}`);
      sink.addEvent(`u${(i * 7) % 6007}`, name, 1_700_000_000_000 + (i % 3) * 1000, null, null);
    }
    // anonymous ids linked to users in other buckets: each pair becomes one user
    for (let j = 0; j < 40; j++)
      store.run(
        sql`INSERT INTO identities (anon_id, user_id, import_id) VALUES (${`u${j}`}, ${`u${6006 - j}`}, 1)`,
      );
    await store.finishSink(sink);
    expect(await store.commit(true)).toBe(true);
    const { saved: s, rebuilt } = saved(ws);
    expect(s).not.toBeNull();
    expect(rebuilt.userIds.length).toBe(6007 - 40);
    expect(plain(s as TimelineArrays)).toEqual(plain(rebuilt));
  });
});

describe("the inserting thread given grouped rows", () => {
  function handedOff(): { inserter: Inserter; runs: ReturnType<typeof groupJob> } {
    const ws = tempWorkspace();
    const inserter = new Inserter(ws);
    inserter.handle({ type: "begin", nextUser: 1, nextName: 1 });
    inserter.handle({ type: "run", statement: IMPORT_ROW });
    inserter.handle({
      type: "batch",
      importId: 1,
      n: 3,
      uids: Int32Array.of(1, 2, 1),
      eids: Int32Array.of(1, 1, 1),
      times: Float64Array.of(3000, 1000, 2000),
      props: Buffer.from("\n\n\n"),
      newUsers: ["a", "b"],
      firstNewUser: 1,
      newNames: [[1, "open"]],
    });
    const answer = inserter.handle({ type: "handOff" });
    if (answer?.type !== "group" || answer.job === null) throw new Error(`no job: ${JSON.stringify(answer)}`);
    inserter.handle({ type: "index" });
    return { inserter, runs: groupJob(answer.job) };
  }

  it("saves them when they fit", () => {
    const { inserter, runs } = handedOff();
    expect([...runs.userOffsets]).toEqual([0, 2, 3]);
    expect([...runs.times]).toEqual([2000, 3000, 1000]);
    expect(inserter.handle({ type: "commit", columns: true, runs })).toEqual({
      type: "committed",
      columns: true,
    });
  });

  it("saves nothing, and says so, when they do not fit the import's users and rows", () => {
    const { inserter, runs } = handedOff();
    const warn = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const short = { ...runs, userOffsets: runs.userOffsets.subarray(0, 2) };
    expect(inserter.handle({ type: "commit", columns: true, runs: short })).toEqual({
      type: "committed",
      columns: false,
    });
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/columns were not saved .*do not fit/);
  });

  it("saves nothing when the parsing thread could not group them", () => {
    const { inserter } = handedOff();
    expect(inserter.handle({ type: "commit", columns: true, runs: null })).toEqual({
      type: "committed",
      columns: false,
    });
  });
});
