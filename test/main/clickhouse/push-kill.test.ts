import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../src-main/cli/main.ts";
import { ChHttp } from "../../../src-main/clickhouse/http.ts";
import { io } from "../../helpers/cli-io.ts";
import {
  CLUSTER_WANTED,
  clusterTarget,
  dropDatabase,
  freshDatabase,
  requireCluster,
  SKIP_REASON,
} from "../../helpers/clickhouse.ts";
import { type JourneySpec, journeys } from "../../helpers/journeys.ts";

// A real `strata push` process killed with SIGKILL while it sends batches, twice, then pushed again
// to the end: every event is on the cluster exactly once (push.ts makes each batch idempotent).

const CLI = path.join(import.meta.dirname, "../../../scripts/strata.cjs");
const USERS = 30;
const PER_USER = 100;
const TOTAL = USERS * PER_USER;
const BATCH = "25";
const dbs: string[] = [];

function spec(): JourneySpec {
  const s: JourneySpec = {};
  const t0 = Date.UTC(2024, 5, 1);
  for (let u = 0; u < USERS; u++)
    s[`user-${u}`] = Array.from({ length: PER_USER }, (_, k) => ["e", t0 + (u * PER_USER + k) * 1000, { k }]);
  return s;
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const o = io();
  const code = await main(args, o.io);
  return { code, out: o.out.join(""), err: o.err.join("") };
}

async function onCluster(ch: ChHttp): Promise<{ n: number; seqs: number }> {
  const [r] = await ch.rows<{ n: number; seqs: number }>(
    "SELECT count() AS n, uniqExact(seq) AS seqs FROM events",
  );
  return r ?? { n: -1, seqs: -1 };
}

/** Starts `strata push` and kills it with SIGKILL once the cluster holds at least `atLeast` events. */
async function pushKilledAt(file: string, ch: ChHttp, atLeast: number): Promise<{ killedAt: number }> {
  const child = spawn(process.execPath, [CLI, "push", file, "--batch", BATCH], { stdio: "ignore" });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let done = false;
  void exited.then(() => {
    done = true;
  });
  for (;;) {
    if (done) throw new Error("the push finished before it could be killed");
    const { n } = await onCluster(ch).catch(() => ({ n: 0 }));
    if (n >= atLeast) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill("SIGKILL");
  await exited;
  return { killedAt: (await onCluster(ch)).n };
}

describe.skipIf(!CLUSTER_WANTED)(
  `strata push killed midway${CLUSTER_WANTED ? "" : ` (${SKIP_REASON})`}`,
  () => {
    beforeAll(async () => {
      await requireCluster();
    });
    afterAll(async () => {
      for (const d of dbs) await dropDatabase(d);
    });

    it("leaves no duplicates after SIGKILL and a re-push", { timeout: 240_000 }, async () => {
      const j = journeys(spec());
      j.ws.close();
      try {
        const db = freshDatabase("sigkill");
        dbs.push(db);
        const t = clusterTarget(db);
        expect(
          (await run(["connect", j.file, "--clickhouse", t.url, "--cluster", t.cluster, "--database", db]))
            .code,
        ).toBe(0);
        const ch = new ChHttp(t);
        const first = await pushKilledAt(j.file, ch, 300);
        expect(first.killedAt).toBeLessThan(TOTAL);
        const second = await pushKilledAt(j.file, ch, first.killedAt + 600);
        expect(second.killedAt).toBeLessThan(TOTAL);
        // another batch size would number other rows as the same batches: refused, nothing sent
        const other = await run(["push", j.file, "--batch", "30"]);
        expect(other.code).toBe(2);
        expect(other.err).toMatch(/batches of 25 events/);
        const last = await run(["push", j.file, "--batch", BATCH, "--json"]);
        expect(last.code, last.err).toBe(0);
        expect(await onCluster(ch)).toEqual({ n: TOTAL, seqs: TOTAL });
        const [users] = await ch.rows<{ n: number }>("SELECT count() AS n FROM users FINAL");
        expect(users?.n).toBe(USERS);
      } finally {
        j.close();
      }
    });
  },
);
