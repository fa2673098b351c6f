import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { InProcessEngine, persistColumns } from "../../../src-main/engine/index.ts";
import { ModelBroker } from "../../../src-main/engine/model-broker.ts";
import { WorkerPool } from "../../../src-main/engine/pool.ts";
import { dropPrestarted, prestartQueryWorkers, takePrestarted } from "../../../src-main/engine/prestart.ts";
import { QueryWorker } from "../../../src-main/engine/query-worker.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { twoWorkers } from "../../helpers/pool.ts";
import { allEnded } from "../../helpers/threads.ts";

// Query workers started ahead of their pool (a large workspace's `strata query`): the pool for the
// same file and options takes them and answers as one thread does; threads no pool took are ended;
// a thread that failed before anyone listened fails its pool's work instead of leaving it waiting.

let j: Journeys | undefined;
afterEach(async () => {
  await dropPrestarted();
  j?.close();
  j = undefined;
});

function fixture(): Journeys {
  const spec: Record<string, [string, string][]> = {};
  for (let i = 0; i < 24; i++)
    spec[`u${i}`] = [
      ["signup", `2024-06-0${1 + (i % 5)}T10:00Z`],
      ...(i % 3 ? ([["buy", `2024-06-0${2 + (i % 4)}T09:00Z`]] as [string, string][]) : []),
    ];
  const out = journeys(spec);
  persistColumns(out.ws.db);
  return out;
}

const FUNNEL = parseOrThrow(Query, {
  kind: "funnel",
  steps: [{ event: "signup" }, { event: "buy" }],
  range: { from: "2024-06-01", to: "2024-06-30" },
});

// a pool takes as many threads as the machine has cores, up to two
const twoCores = os.availableParallelism() >= 2;

describe("query workers started ahead", () => {
  it.skipIf(!twoCores)(
    "are taken by the pool for the same file and options, which answers as one thread does",
    async () => {
      j = fixture();
      const threads = prestartQueryWorkers(j.ws.path, 2, true, false);
      const pool = new WorkerPool(twoWorkers(j.ws, true));
      try {
        const answer = await pool.run(FUNNEL);
        expect(answer).toEqual(await new InProcessEngine(j.ws.db).run(FUNNEL));
        // both taken: none is left waiting, and the pool's workers are those threads
        expect(takePrestarted(j.ws.path, true, false)).toBeNull();
        expect(threads.every((t) => t.exitCode() === null)).toBe(true);
      } finally {
        await pool.reset();
      }
      await allEnded(threads);
    },
  );

  it("are left to their own end when the pool is for another file or other options", async () => {
    j = fixture();
    const threads = prestartQueryWorkers(j.ws.path, 2, false, true);
    expect(takePrestarted(j.ws.path, true, true)).toBeNull();
    expect(takePrestarted(j.ws.path, false, false)).toBeNull();
    expect(takePrestarted(`${j.ws.path}.other`, false, true)).toBeNull();
    await dropPrestarted();
    await allEnded(threads);
    expect(takePrestarted(j.ws.path, false, true)).toBeNull();
  });

  it("a thread that failed before it was taken is not handed over, and fails its worker's work at once", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "strata-prestart-"));
    try {
      const file = path.join(dir, "not-a-workspace.strata");
      fs.writeFileSync(file, "not SQLite at all, and longer than a header would be".repeat(20));
      const threads = prestartQueryWorkers(file, 1, false, true);
      await allEnded(threads);
      // the pool starts one of its own instead
      expect(takePrestarted(file, false, true)).toBeNull();
      // a worker given an ended thread (the check in its constructor) is dead from the start
      const [ended] = threads;
      if (!ended) throw new Error("no thread");
      const worker = new QueryWorker(ended, new ModelBroker());
      expect(worker.dead).toBe(true);
      await expect(worker.request({ type: "open" })).rejects.toThrow(/query worker/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
