import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { loadColumns } from "../../../src-main/engine/columns/load.ts";
import { createEngine, InProcessEngine, persistColumns } from "../../../src-main/engine/index.ts";
import { WorkerPool } from "../../../src-main/engine/pool.ts";
import { parseOrThrow } from "../../../src-main/validate.ts";
import { Query } from "../../../src-preload/contract/queries.ts";
import { type Journeys, journeys } from "../../helpers/journeys.ts";
import { twoWorkers } from "../../helpers/pool.ts";

// A worker that fails must never leave a query waiting: damaged saved columns are rebuilt from the
// events, and a crashed worker rejects what it owed and is replaced on the next query.

let j: Journeys | undefined;
afterEach(() => j?.close());

function fixture(): Journeys {
  const spec: Record<string, [string, string][]> = {};
  for (let i = 0; i < 30; i++) {
    spec[`u${i}`] = [
      ["signup", `2024-06-0${1 + (i % 5)}T10:00Z`],
      ...(i % 3 ? ([["buy", `2024-06-0${2 + (i % 5)}T09:00Z`]] as [string, string][]) : []),
    ];
  }
  const out = journeys(spec);
  persistColumns(out.ws.db);
  return out;
}

const COUNT = parseOrThrow(Query, { kind: "segmentCount", segment: { performed: { event: "buy" } } });
const FUNNEL = parseOrThrow(Query, {
  kind: "funnel",
  steps: [{ event: "signup" }, { event: "buy" }],
  range: { from: "2024-06-01", to: "2024-06-30" },
});

/**
 * The promise's outcome, or a failure saying it hung: a hang must fail the test, not time it out.
 * Starting workers and rebuilding the columns takes seconds on a loaded machine, so "hung" is 20 s.
 */
async function settled<T>(p: Promise<T>, ms = 20_000): Promise<{ value?: T; error?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("the query never settled")), ms);
  });
  try {
    return await Promise.race([p.then((value) => ({ value })), hung]);
  } catch (error) {
    if (error instanceof Error && error.message === "the query never settled") throw error;
    return { error };
  } finally {
    clearTimeout(timer);
  }
}

function setBlob(journey: Journeys, name: string, data: Buffer | number): void {
  const { changes } = journey.ws.db
    .prepare("UPDATE engine_columns SET data = ? WHERE name = ?")
    .run(data, name);
  // damaging a row that does not exist would test nothing
  expect(changes).toBe(1);
}

function runSql(journey: Journeys, sql: string, ...params: string[]): void {
  expect(journey.ws.db.prepare(sql).run(...params).changes).toBe(1);
}

const DAMAGE: [string, (jj: Journeys) => void][] = [
  [
    "offsets of a size that fits nothing",
    (jj) => setBlob(jj, "timeline.userOffsets#0", crypto.randomBytes(37)),
  ],
  [
    "offsets of the right size but random",
    (jj) => setBlob(jj, "timeline.userOffsets#0", crypto.randomBytes(31 * 4)),
  ],
  ["event codes naming no event", (jj) => setBlob(jj, "timeline.eventCodes@u8#0", Buffer.alloc(50, 0xff))],
  [
    "narrow times of a size that is not whole events",
    (jj) => setBlob(jj, "timeline.times@i40#0", crypto.randomBytes(37)),
  ],
  [
    "narrow times without the base they count from",
    (jj) =>
      runSql(
        jj,
        "UPDATE engine_columns SET data = CAST(json_remove(CAST(data AS TEXT), '$.timesBase') AS BLOB) WHERE name = ?",
        "timeline.meta",
      ),
  ],
  ["a meta that is not JSON", (jj) => setBlob(jj, "timeline.meta", crypto.randomBytes(64))],
  ["a meta of the wrong shape", (jj) => setBlob(jj, "timeline.meta", Buffer.from('{"stamp":3}'))],
  ["a number instead of a blob", (jj) => setBlob(jj, "timeline.times@i40#0", 7)],
  ["a missing chunk", (jj) => runSql(jj, "DELETE FROM engine_columns WHERE name = ?", "timeline.seqs#0")],
  [
    "an extra chunk",
    (jj) =>
      runSql(
        jj,
        "INSERT INTO engine_columns (name, version, built_at, data) SELECT 'timeline.times@i40#1', version, built_at, data FROM engine_columns WHERE name = ?",
        "timeline.times@i40#0",
      ),
  ],
  [
    "both the old and the chunked layout",
    (jj) =>
      runSql(
        jj,
        "INSERT INTO engine_columns (name, version, built_at, data) SELECT 'timeline.seqs', version, built_at, data FROM engine_columns WHERE name = ?",
        "timeline.seqs#0",
      ),
  ],
  [
    "both the plain and the narrow form",
    (jj) =>
      runSql(
        jj,
        "INSERT INTO engine_columns (name, version, built_at, data) SELECT 'timeline.eventCodes#0', version, built_at, data || data FROM engine_columns WHERE name = ?",
        "timeline.eventCodes@u8#0",
      ),
  ],
];

describe("damaged saved columns", () => {
  it.each(DAMAGE)("are rebuilt from the events by the worker pool (%s)", async (_, damage) => {
    j = fixture();
    const expected = [
      await new InProcessEngine(j.ws.db).run(COUNT),
      await new InProcessEngine(j.ws.db).run(FUNNEL),
    ];
    damage(j);
    expect(loadColumns(j.ws.db)).toBeNull();
    const pooled = createEngine(j.ws, { workers: 2 });
    try {
      const count = await settled(pooled.run(COUNT));
      expect(count.error).toBeUndefined();
      expect(count.value).toEqual(expected[0]);
      expect((await settled(pooled.run(FUNNEL))).value).toEqual(expected[1]);
    } finally {
      await pooled.close();
    }
    // the rebuild was saved over the damaged columns
    expect(loadColumns(j.ws.db)).not.toBeNull();
  });

  it.each(DAMAGE)("are rebuilt by the in-process engine the CLI uses (%s)", async (_, damage) => {
    j = fixture();
    const expected = await new InProcessEngine(j.ws.db).run(COUNT);
    damage(j);
    const local = new InProcessEngine(j.ws.db, { lazy: true });
    const r = await settled(local.run(COUNT));
    expect(r.error).toBeUndefined();
    expect(r.value).toEqual(expected);
  });
});

describe("a query worker that dies", () => {
  it("ended at any point of its start never takes the process down", async () => {
    // terminating a thread inside better-sqlite3's initialisation is a Node fatal error that aborts
    // the whole process: a workspace switch or a failed start must wait for the workers to boot
    j = fixture();
    for (let k = 0; k < 16; k++) {
      const pool = new WorkerPool(twoWorkers(j.ws, false));
      const run = settled(pool.run(COUNT));
      await new Promise((resolve) => setTimeout(resolve, k * 10));
      await pool.reset();
      const outcome = await run;
      if (outcome.error !== undefined) expect(outcome.error).toMatchObject({ code: "cancelled" });
    }
  });

  it("rejects the query it was running, and the next query starts fresh workers", async () => {
    j = fixture();
    const expected = await new InProcessEngine(j.ws.db).run(COUNT);
    const pool = new WorkerPool(twoWorkers(j.ws, true));
    try {
      expect(await pool.run(COUNT)).toEqual(expected);
      // the exit message is queued ahead of the query, so the workers die with the query pending
      pool.crashWorkers();
      const crashed = await settled(pool.run(COUNT));
      expect(crashed.error).toMatchObject({ code: "internal", message: expect.stringContaining("stopped") });
      expect((await settled(pool.run(COUNT))).value).toEqual(expected);
    } finally {
      await pool.reset();
    }
  });

  it("while starting rejects the query instead of hanging every later one", async () => {
    j = fixture();
    const expected = await new InProcessEngine(j.ws.db).run(FUNNEL);
    const pool = new WorkerPool(twoWorkers(j.ws, true));
    try {
      const first = pool.run(FUNNEL);
      pool.crashWorkers();
      expect((await settled(first)).error).toMatchObject({ code: "internal" });
      expect((await settled(pool.run(FUNNEL))).value).toEqual(expected);
    } finally {
      await pool.reset();
    }
  });

  it("because its workspace cannot be read rejects with a StrataError naming the file", async () => {
    j = fixture();
    j.ws.db.exec("DROP TABLE engine_columns; DROP TABLE events");
    const pool = new WorkerPool(twoWorkers(j.ws, false));
    try {
      const r = await settled(pool.run(COUNT));
      expect(r.error).toMatchObject({ code: "internal", message: expect.stringContaining(j.file) });
      // a failed start is not reused: the next query tries again (and fails the same clear way)
      expect((await settled(pool.run(COUNT))).error).toMatchObject({
        message: expect.stringContaining(j.file),
      });
    } finally {
      await pool.reset();
    }
  });
});
