import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChHttp } from "../../../src-main/clickhouse/http.ts";
import { push } from "../../../src-main/clickhouse/push.ts";
import {
  CLUSTER_WANTED,
  clusterTarget,
  dropDatabase,
  freshDatabase,
  requireCluster,
  SKIP_REASON,
} from "../../helpers/clickhouse.ts";
import { type JourneySpec, journeys } from "../../helpers/journeys.ts";

// strata push is incremental and idempotent per batch: re-running sends nothing, and a batch that
// reached one shard but not the other (a push killed inside a Distributed insert) is repaired.

const dbs: string[] = [];
const T0 = Date.UTC(2024, 5, 1);

function spec(users: number, perUser: number): JourneySpec {
  const s: JourneySpec = {};
  for (let u = 0; u < users; u++)
    s[`user-${u}`] = Array.from({ length: perUser }, (_, k) => [
      "e",
      T0 + (u * perUser + k) * 1000,
      { k, s: `v'${k}\\` },
    ]);
  return s;
}

async function counts(ch: ChHttp): Promise<{ n: number; seqs: number; users: number }> {
  const [r] = await ch.rows<{ n: number; seqs: number; users: number }>(
    "SELECT count() AS n, uniqExact(seq) AS seqs, (SELECT count() FROM users FINAL) AS users FROM events",
  );
  return r ?? { n: -1, seqs: -1, users: -1 };
}

describe.skipIf(!CLUSTER_WANTED)(`strata push${CLUSTER_WANTED ? "" : ` (${SKIP_REASON})`}`, () => {
  beforeAll(async () => {
    await requireCluster();
  });
  afterAll(async () => {
    for (const d of dbs) await dropDatabase(d);
  });

  it("sends every event once, and a second push sends nothing", async () => {
    const j = journeys(spec(12, 5));
    try {
      const db = freshDatabase("push");
      dbs.push(db);
      const ch = new ChHttp(clusterTarget(db));
      const first = await push(j.ws.db, ch, () => {}, { batch: 7 });
      expect(first.eventsSent).toBe(60);
      expect(first.batchesSent).toBe(Math.ceil(60 / 7));
      expect(first.usersSent).toBe(12);
      expect(await counts(ch)).toEqual({ n: 60, seqs: 60, users: 12 });
      // each user's events sit on one shard
      const [spread] = await ch.rows<{ m: number }>(
        "SELECT max(c) AS m FROM (SELECT user, uniqExact(_shard) AS c FROM (SELECT user, hostName() AS _shard FROM events) GROUP BY user)",
      );
      expect(spread?.m).toBe(1);
      const again = await push(j.ws.db, ch, () => {}, { batch: 7 });
      expect(again).toMatchObject({
        eventsSent: 0,
        batchesSent: 0,
        batchesSkipped: Math.ceil(60 / 7),
        usersSent: 0,
      });
      expect(await counts(ch)).toEqual({ n: 60, seqs: 60, users: 12 });
    } finally {
      j.close();
    }
  });

  it("repairs a batch that reached one shard only and sends the batches never sent", async () => {
    const j = journeys(spec(20, 4));
    try {
      const db = freshDatabase("kill");
      dbs.push(db);
      const ch = new ChHttp(clusterTarget(db));
      await push(j.ws.db, ch, () => {}, { batch: 9 });
      // the state a kill leaves: batch 3 only on the second shard, batches 5.. nowhere
      const shard1 = new ChHttp({
        ...clusterTarget(db),
        url: process.env.STRATA_CLICKHOUSE_URL ?? "http://127.0.0.1:19123",
      });
      await shard1.exec("ALTER TABLE events_local DELETE WHERE batch = 3 OR batch >= 5");
      await ch.exec(`ALTER TABLE events_local ON CLUSTER ${ch.target.cluster} DELETE WHERE batch >= 5`);
      for (let i = 0; i < 100; i++) {
        const [r] = await ch.rows<{ c: number }>("SELECT count() AS c FROM events WHERE batch >= 5");
        const [s] = await shard1.rows<{ c: number }>("SELECT count() AS c FROM events_local WHERE batch = 3");
        if (r?.c === 0 && s?.c === 0) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      const partial = await counts(ch);
      expect(partial.n).toBeLessThan(80);
      const [b3] = await ch.rows<{ c: number }>("SELECT count() AS c FROM events WHERE batch = 3");
      expect(b3?.c).toBeGreaterThan(0);
      expect(b3?.c).toBeLessThan(9);
      const r = await push(j.ws.db, ch, () => {}, { batch: 9 });
      expect(r.batchesRepaired).toBe(1);
      expect(r.batchesSent).toBe(1 + (Math.ceil(80 / 9) - 5));
      expect(await counts(ch)).toEqual({ n: 80, seqs: 80, users: 20 });
    } finally {
      j.close();
    }
  });
});
