import { afterEach, describe, expect, it } from "vitest";
import { ClickHouseEngine, workspaceSource } from "../../../src-main/clickhouse/engine.ts";
import type { ChClient, ChSettings } from "../../../src-main/clickhouse/http.ts";
import { type PushProgress, push } from "../../../src-main/clickhouse/push.ts";
import { InProcessEngine } from "../../../src-main/engine/in-process-engine.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { setIdentityMerge } from "../../../src-main/workspace/identity.ts";
import { Workspace } from "../../../src-main/workspace/workspace.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import { CHDB_SKIP_REASON, CHDB_WANTED, ChdbClient } from "../../helpers/chdb.ts";
import { importSegment, segmentFile, segmentWorkspace } from "../../helpers/segment-identity.ts";

// The cluster answers as the local engine on a workspace with identity links, and keeps doing so
// when the merge changes after a push for users already pushed (the setting switched, a later
// import linking an anonymous id): the next push deletes what was sent with the other merge and
// sends it again, even when a push is stopped or killed midway; a link among new users only costs
// no resend. On chDB (current ClickHouse in-process), the differential tests' second leg.

const range = { from: "2024-06-01", to: "2024-06-30" };
const QUERIES = [
  { kind: "funnel", steps: [{ event: "view_item" }, { event: "purchase" }], range },
  { kind: "segmentCount", segment: { all: [] } },
  { kind: "segmentMembers", segment: { all: [] } },
].map((raw) => parseOrThrow(Query, raw, "query"));

async function answers(engine: { run(q: Query): Promise<unknown> }): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const q of QUERIES) out.push(await engine.run(q));
  return out;
}

async function onCluster(ch: ChdbClient): Promise<{ events: number; seqs: number; users: number }> {
  const [row] = await ch.rows<{ events: number; seqs: number; users: number }>(
    "SELECT count() AS events, uniqExact(seq) AS seqs, (SELECT count() FROM users FINAL) AS users FROM events",
  );
  return row ?? { events: -1, seqs: -1, users: -1 };
}

/** The client, with its first statement matching `pattern` failing: a push killed right there. */
function failingOnce(ch: ChClient, pattern: RegExp): ChClient {
  let failed = false;
  return {
    target: ch.target,
    on: (database) => ch.on(database),
    text: (q, settings, signal) => ch.text(q, settings, signal),
    async exec(q, settings) {
      if (!failed && pattern.test(q)) {
        failed = true;
        throw new Error("killed");
      }
      return ch.exec(q, settings);
    },
    rows: <T>(q: string, settings?: ChSettings, signal?: AbortSignal) => ch.rows<T>(q, settings, signal),
    insert: (q, lines, settings) => ch.insert(q, lines, settings),
  };
}

let open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open) o.close();
  open = [];
});

describe.skipIf(!CHDB_WANTED)(
  `push with identity merge on chDB${CHDB_WANTED ? "" : ` (${CHDB_SKIP_REASON})`}`,
  () => {
    async function setup(): Promise<{
      ws: Workspace;
      ch: ChdbClient;
      local: () => InProcessEngine;
      remote: ClickHouseEngine;
    }> {
      const ws = await segmentWorkspace();
      const chdb = ChdbClient.open();
      open.push(chdb, ws);
      const ch = chdb.client;
      return {
        ws,
        ch,
        // a new engine each time: one keeps its timeline, built with the merge as it was then
        local: () => new InProcessEngine(ws.db),
        remote: new ClickHouseEngine(ch, workspaceSource(ws.db)),
      };
    }

    it("gives the local funnel and segment answers", { timeout: 120_000 }, async () => {
      const { ws, ch, local, remote } = await setup();
      await push(ws.db, ch, () => {}, { batch: 1 });
      const want = await answers(local());
      expect(want.slice(0, 2)).toMatchObject([
        { steps: [{ count: 2 }, { count: 1 }] },
        { users: 2, ofTotal: 2 },
      ]);
      expect(await answers(remote)).toEqual(want);
    });

    it("a merge switched after a push: the next push sends everything again", {
      timeout: 120_000,
    }, async () => {
      const { ws, ch, local, remote } = await setup();
      await push(ws.db, ch, () => {}, { batch: 1 });
      setIdentityMerge(ws.db, false);
      const apart = await answers(local());
      expect(apart[0]).toMatchObject({ steps: [{ count: 2 }, { count: 0 }] });
      const again = await push(ws.db, ch, () => {}, { batch: 1 });
      expect(again).toMatchObject({ eventsSent: 3, batchesSent: 3, batchesSkipped: 0, usersSent: 3 });
      expect(await onCluster(ch)).toEqual({ events: 3, seqs: 3, users: 3 });
      expect(await answers(remote)).toEqual(apart);
      // switched back: merged again, the anonymous user no user of its own on the cluster either
      setIdentityMerge(ws.db, true);
      await push(ws.db, ch, () => {}, { batch: 1 });
      expect(await onCluster(ch)).toEqual({ events: 3, seqs: 3, users: 2 });
      expect(await answers(remote)).toEqual(await answers(local()));
      // nothing changed since: nothing is sent
      expect(await push(ws.db, ch, () => {}, { batch: 1 })).toMatchObject({
        eventsSent: 0,
        batchesSkipped: 3,
      });
    });

    it("a push stopped while it sends again is finished by the next one", { timeout: 120_000 }, async () => {
      const { ws, ch, local, remote } = await setup();
      await push(ws.db, ch, () => {}, { batch: 1 });
      setIdentityMerge(ws.db, false);
      // stopped after its first batch, as a kill between batches leaves it
      const stop = new AbortController();
      const onProgress = (p: PushProgress) => {
        if (p.eventsSent >= 1) stop.abort();
      };
      const stopped = push(ws.db, ch, onProgress, { batch: 1, signal: stop.signal });
      await expect(stopped).rejects.toThrow(/cancelled/);
      expect((await onCluster(ch)).events).toBeLessThan(3);
      const rest = await push(ws.db, ch, () => {}, { batch: 1 });
      expect(rest.batchesSkipped).toBeGreaterThan(0);
      expect(await onCluster(ch)).toEqual({ events: 3, seqs: 3, users: 3 });
      expect(await answers(remote)).toEqual(await answers(local()));
    });

    it("a push killed while it deletes: the next one deletes again and sends everything", {
      timeout: 120_000,
    }, async () => {
      const { ws, ch, local, remote } = await setup();
      await push(ws.db, ch, () => {}, { batch: 1 });
      setIdentityMerge(ws.db, false);
      // the events, users and aliases are gone, the push log not yet: the old merge is still recorded
      await expect(push(ws.db, failingOnce(ch, /push_log.*DELETE/), () => {}, { batch: 1 })).rejects.toThrow(
        "killed",
      );
      expect((await onCluster(ch)).events).toBe(0);
      const again = await push(ws.db, ch, () => {}, { batch: 1 });
      expect(again).toMatchObject({ eventsSent: 3, batchesSkipped: 0, usersSent: 3 });
      expect(await onCluster(ch)).toEqual({ events: 3, seqs: 3, users: 3 });
      expect(await answers(remote)).toEqual(await answers(local()));
    });

    /** Pushes Segment rows `first`, imports `later` and pushes again; the second push's report. */
    async function pushAcrossImports(first: object[], later: object[]) {
      const line = (row: object, i: number) =>
        JSON.stringify({ ...row, messageId: `m-${i}`, properties: {} });
      const file = await segmentFile(first.map(line));
      const chdb = ChdbClient.open();
      open.push(chdb);
      const before = Workspace.open(file, { readonly: true });
      await push(before.db, chdb.client, () => {}, { batch: 1 });
      before.close();
      await importSegment(
        file,
        later.map((row, i) => line(row, first.length + i)),
      );
      const ws = Workspace.open(file, { readonly: true });
      open.push(ws);
      const report = await push(ws.db, chdb.client, () => {}, { batch: 1 });
      const want = await answers(new InProcessEngine(ws.db));
      expect(await answers(new ClickHouseEngine(chdb.client, workspaceSource(ws.db)))).toEqual(want);
      return { report, want };
    }

    it("a later import linking an anonymous id pushed before: the next push sends again", {
      timeout: 120_000,
    }, async () => {
      const { report, want } = await pushAcrossImports(
        [
          { type: "track", event: "view_item", anonymousId: "anon-1", timestamp: "2024-06-01T09:00:00Z" },
          { type: "track", event: "view_item", userId: "bob", timestamp: "2024-06-02T10:00:00Z" },
        ],
        [
          {
            type: "track",
            event: "purchase",
            anonymousId: "anon-1",
            userId: "alice",
            timestamp: "2024-06-03T09:10:00Z",
          },
        ],
      );
      expect(report).toMatchObject({ eventsSent: 3, batchesSkipped: 0, usersSent: 2 });
      expect(want[0]).toMatchObject({ steps: [{ count: 2 }, { count: 1 }] });
    });

    it("a later import whose links only merge new users: the next push sends only the new events", {
      timeout: 120_000,
    }, async () => {
      const { report, want } = await pushAcrossImports(
        [
          { type: "track", event: "view_item", anonymousId: "anon-1", timestamp: "2024-06-01T09:00:00Z" },
          {
            type: "track",
            event: "purchase",
            anonymousId: "anon-1",
            userId: "alice",
            timestamp: "2024-06-01T09:10:00Z",
          },
        ],
        [
          { type: "track", event: "view_item", anonymousId: "anon-2", timestamp: "2024-06-02T09:00:00Z" },
          {
            type: "track",
            event: "purchase",
            anonymousId: "anon-2",
            userId: "carol",
            timestamp: "2024-06-02T09:10:00Z",
          },
        ],
      );
      expect(report).toMatchObject({ eventsSent: 2, batchesSkipped: 2 });
      expect(want[0]).toMatchObject({ steps: [{ count: 2 }, { count: 2 }] });
    });
  },
);
